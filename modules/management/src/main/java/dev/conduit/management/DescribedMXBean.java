package dev.conduit.management;

import java.lang.reflect.Method;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

/**
 * An MXBean whose descriptions come from {@link Description} annotations on its interface, so the
 * words live next to the code they describe and JMX clients show them.
 */
public class DescribedMXBean<T> extends StandardMBean {

    private final Class<T> type;

    public DescribedMXBean(T implementation, Class<T> type) {
        super(implementation, type, true);
        this.type = type;
    }

    /** For subclasses that also broadcast notifications. */
    protected DescribedMXBean(T implementation, Class<T> type, boolean isMXBean) throws NotCompliantMBeanException {
        super(implementation, type, isMXBean);
        this.type = type;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description description = type.getAnnotation(Description.class);
        return description != null ? description.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        for (String prefix : new String[] {"get", "is"}) {
            Description description = described(prefix + info.getName());
            if (description != null) {
                return description.value();
            }
        }
        return super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        Description description = described(info.getName());
        return description != null ? description.value() : super.getDescription(info);
    }

    private Description described(String methodName) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(methodName) && method.isAnnotationPresent(Description.class)) {
                return method.getAnnotation(Description.class);
            }
        }
        return null;
    }
}
