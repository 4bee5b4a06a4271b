package dev.conduit.management;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/** Registers Conduit's MXBeans under the {@code dev.conduit} domain, and takes them away again. */
public final class Mbeans {

    public static final String DOMAIN = "dev.conduit";

    private Mbeans() {}

    /** {@code dev.conduit:type=<type>}, for example {@code dev.conduit:type=Connections}. */
    public static ObjectName name(String type) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an MBean type: " + type, e);
        }
    }

    /** Registers {@code mbean} on the platform server, replacing one registered earlier by this process. */
    public static ObjectName register(Object mbean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
            return name;
        } catch (InstanceAlreadyExistsException | MBeanRegistrationException | NotCompliantMBeanException
                | InstanceNotFoundException e) {
            throw new IllegalStateException("cannot register " + name, e);
        }
    }

    public static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException | MBeanRegistrationException e) {
            // already gone
        }
    }
}
