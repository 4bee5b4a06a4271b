package dev.conduit.watchdog;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to a local Conduit JVM (supervisor or worker), reached over the Attach API: the
 * JVM opens no JMX port; it is asked (same OS user only) to start its local management agent, and
 * the connection goes to the address that agent returns.
 */
public final class LocalJmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private LocalJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    /** @param what names the process in errors, e.g. "the supervisor" */
    public static LocalJmx attach(long pid, String what) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + what + " (pid " + pid + "): " + e.getMessage(), e);
        }
        return new LocalJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    /** The supervisor's Watchdog MXBean; valid when attached to a supervisor. */
    public WatchdogMXBean watchdog() {
        return proxy(SupervisorRuntime.NAME, WatchdogMXBean.class);
    }

    /** An MXBean proxy for {@code objectName}, e.g. {@code "dev.conduit:type=Routing"}. */
    public <T> T proxy(String objectName, Class<T> type) {
        try {
            return proxy(new ObjectName(objectName), type);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an object name: " + objectName, e);
        }
    }

    public <T> T proxy(ObjectName objectName, Class<T> type) {
        return JMX.newMXBeanProxy(connection, objectName, type, true);
    }

    public MBeanServerConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the process went away; nothing to close
        }
    }
}
