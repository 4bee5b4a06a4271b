package dev.conduit.management;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
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

    @Override
    protected String getDescription(MBeanInfo info) {
        return Descriptions.of(type, super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return Descriptions.of(type, info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return Descriptions.of(type, info);
    }
}
