package dev.conduit.server;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the JDK's own remote JMX agent in this worker, with the options
 * {@link RemoteJmxSettings} checked: authentication and TLS always, the JDK's deserialization
 * filters untouched. Through the {@code DiagnosticCommand} MBean, as {@code jcmd ManagementAgent.start} does.
 */
final class RemoteJmx {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private RemoteJmx() {}

    /** Starts the agent; a message naming the address when it cannot (the port is taken, the key store is wrong). */
    static void start(RemoteJmxSettings settings) throws StartupException {
        try {
            invoke("managementAgentStart", settings.agentOptions());
        } catch (JMException | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new StartupException("remote JMX cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + cause.getMessage());
        }
        LOG.info("remote JMX listens on {}:{} (TLS, password authentication)", settings.host(), settings.port());
    }

    static void stop() {
        try {
            invoke("managementAgentStop", new String[0]);
        } catch (JMException | RuntimeException e) {
            LOG.warn("stopping remote JMX failed: {}", e.toString());
        }
    }

    private static void invoke(String operation, String[] options) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation, new Object[] {options},
                new String[] {String[].class.getName()});
    }
}
