package dev.conduit.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * A real JMX connection, over RMI on loopback, to this JVM's platform MBean server: what JConsole
 * or a script sees, attributes and notifications serialized as they would be for them.
 */
final class LoopbackJmxConnection implements AutoCloseable {

    private final JMXConnectorServer server;
    private final JMXConnector connector;

    private LoopbackJmxConnection(JMXConnectorServer server, JMXConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static LoopbackJmxConnection open() throws IOException {
        RMIServerSocketFactory loopbackOnly = port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopbackOnly),
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        try {
            return new LoopbackJmxConnection(server, JMXConnectorFactory.connect(server.getAddress()));
        } catch (IOException e) {
            server.stop();
            throw e;
        }
    }

    MBeanServerConnection mbeans() throws IOException {
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() throws IOException {
        try {
            connector.close();
        } finally {
            server.stop();
        }
    }
}
