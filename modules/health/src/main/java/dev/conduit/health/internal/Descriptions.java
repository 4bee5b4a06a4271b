package dev.conduit.health.internal;

import dev.conduit.health.Description;
import java.lang.reflect.Method;
import java.util.Arrays;
import javax.management.MBeanAttributeInfo;

/** Looks up the {@link Description} of an MXBean interface and its attributes, once per MBeanInfo. */
public final class Descriptions {

    private Descriptions() {
    }

    public static String of(Class<?> mxbeanInterface, String fallback) {
        Description description = mxbeanInterface.getAnnotation(Description.class);
        return description != null ? description.value() : fallback;
    }

    public static String of(Class<?> mxbeanInterface, MBeanAttributeInfo attribute) {
        String prefix = attribute.isIs() ? "is" : "get";
        return Arrays.stream(mxbeanInterface.getMethods())
                .filter(method -> method.getName().equals(prefix + attribute.getName()))
                .map(method -> describe(method, attribute.getDescription()))
                .findFirst()
                .orElse(attribute.getDescription());
    }

    private static String describe(Method method, String fallback) {
        Description description = method.getAnnotation(Description.class);
        return description != null ? description.value() : fallback;
    }
}
