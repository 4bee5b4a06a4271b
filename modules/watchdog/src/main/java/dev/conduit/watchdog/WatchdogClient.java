package dev.conduit.watchdog;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A supervisor's Watchdog MXBean seen from another process (the {@code conduit} command), reached
 * over the Attach API: the supervisor opens no JMX port; its JVM is asked (same OS user only) to
 * start the local management agent, and the client connects to the address it returns.
 */
public final class WatchdogClient implements AutoCloseable {

    private final JMXConnector connector;
    private final WatchdogMXBean watchdog;

    private WatchdogClient(JMXConnector connector, WatchdogMXBean watchdog) {
        this.connector = connector;
        this.watchdog = watchdog;
    }

    public static WatchdogClient attach(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to the supervisor pid " + pid + ": " + e.getMessage(), e);
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        return new WatchdogClient(connector,
                JMX.newMXBeanProxy(connector.getMBeanServerConnection(), SupervisorRuntime.NAME, WatchdogMXBean.class));
    }

    public WatchdogMXBean watchdog() {
        return watchdog;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the supervisor went away; nothing to close
        }
    }
}
