package dev.conduit.management;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/**
 * {@link DescribedMXBean} for MXBeans that send notifications: the subclass implements {@code T}
 * itself, and its descriptions come from the {@link Description} annotations on {@code T}.
 */
public abstract class DescribedEmitterMXBean<T> extends StandardEmitterMBean {

    private final Class<T> type;

    protected DescribedEmitterMXBean(Class<T> type, NotificationEmitter emitter) {
        super(type, true, emitter);
        this.type = type;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return Descriptions.of(type, info.getDescription());
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
