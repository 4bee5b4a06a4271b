package dev.conduit.management;

import java.lang.reflect.Method;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;

/**
 * Finds the {@link Description} of an MXBean interface, attribute or operation; for MBeans that
 * cannot extend {@link DescribedMXBean} (notification emitters).
 */
public final class Descriptions {

    private Descriptions() {}

    public static String of(Class<?> mxbeanInterface, String fallback) {
        Description description = mxbeanInterface.getAnnotation(Description.class);
        return description != null ? description.value() : fallback;
    }

    public static String of(Class<?> mxbeanInterface, MBeanAttributeInfo attribute) {
        Description description = method(mxbeanInterface, (attribute.isIs() ? "is" : "get") + attribute.getName());
        return description != null ? description.value() : attribute.getDescription();
    }

    public static String of(Class<?> mxbeanInterface, MBeanOperationInfo operation) {
        Description description = method(mxbeanInterface, operation.getName());
        return description != null ? description.value() : operation.getDescription();
    }

    private static Description method(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.isAnnotationPresent(Description.class)) {
                return method.getAnnotation(Description.class);
            }
        }
        return null;
    }
}
