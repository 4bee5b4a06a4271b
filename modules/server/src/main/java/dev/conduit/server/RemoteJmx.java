package dev.conduit.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.security.auth.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote JMX on the address {@link RemoteJmxSettings} names: an RMI registry and connector sharing
 * one TLS port, clients authenticated against the password file. Credentials are deserialized
 * only as {@code String[]} and every other object under the JDK's own JMX deserialization filter
 * (nothing here loosens it).
 */
final class RemoteJmx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);
    /** What a client may send as credentials: a user name and password, nothing else. */
    private static final String CREDENTIALS_FILTER = "java.lang.String;!*";

    private final Registry registry;
    private final JMXConnectorServer connector;

    private RemoteJmx(Registry registry, JMXConnectorServer connector) {
        this.registry = registry;
        this.connector = connector;
    }

    /** Listens; a message naming the address when it cannot (the port is taken, the key store is wrong). */
    static RemoteJmx start(RemoteJmxSettings settings) throws StartupException {
        String where = settings.host() + ":" + settings.port();
        Registry registry = null;
        try {
            InetAddress address = InetAddress.getByName(settings.host());
            SSLContext tls = tls(settings.sslConfigFile());
            RMIServerSocketFactory serverSockets = new TlsServerSockets(tls, address);
            SslRMIClientSocketFactory clientSockets = new SslRMIClientSocketFactory();
            // stubs handed to clients must name the address the connector listens on
            System.setProperty("java.rmi.server.hostname", settings.host());
            registry = LocateRegistry.createRegistry(settings.port(), clientSockets, serverSockets);
            Map<String, Object> environment = new HashMap<>();
            environment.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
            environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, serverSockets);
            environment.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, CREDENTIALS_FILTER);
            environment.put(JMXConnectorServer.AUTHENTICATOR, authenticator(users(settings.passwordFile())));
            RMIJRMPServerImpl server = new RMIJRMPServerImpl(settings.port(), clientSockets, serverSockets, environment);
            RMIConnectorServer connector = new RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + bracketed(settings.host()) + ":" + settings.port()),
                    environment, server, ManagementFactory.getPlatformMBeanServer());
            connector.start();
            registry.rebind("jmxrmi", server.toStub());
            LOG.info("remote JMX listens on {} (TLS, password authentication): service:jmx:rmi:///jndi/rmi://{}/jmxrmi",
                    where, where);
            return new RemoteJmx(registry, connector);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            unexport(registry);
            throw new StartupException("remote JMX cannot listen on " + where + ": " + rootMessage(e));
        }
    }

    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** The key store of the JDK-style {@code ssl.config.file}, as a server context. */
    private static SSLContext tls(Path sslConfig) throws IOException, GeneralSecurityException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(sslConfig)) {
            properties.load(reader);
        }
        char[] password = properties.getProperty("javax.net.ssl.keyStorePassword", "").toCharArray();
        KeyStore keys = KeyStore.getInstance(properties.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType()));
        try (InputStream in = Files.newInputStream(Path.of(properties.getProperty("javax.net.ssl.keyStore")))) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** {@code user password} per line, {@code #} comments, as the JDK's jmxremote.password file. */
    private static Map<String, String> users(Path passwordFile) throws IOException {
        Map<String, String> users = new HashMap<>();
        for (String line : Files.readAllLines(passwordFile, StandardCharsets.UTF_8)) {
            String[] fields = line.strip().split("\\s+", 2);
            if (!line.isBlank() && !fields[0].startsWith("#") && fields.length == 2) {
                users.put(fields[0], fields[1].strip());
            }
        }
        if (users.isEmpty()) {
            throw new IOException("the password file names no user (lines: user password)");
        }
        return Map.copyOf(users);
    }

    private static JMXAuthenticator authenticator(Map<String, String> users) {
        return credentials -> {
            if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
                throw new SecurityException("credentials required: user name and password");
            }
            String expected = users.getOrDefault(pair[0], "");
            boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    pair[1].getBytes(StandardCharsets.UTF_8));
            if (!matches || expected.isEmpty()) {
                LOG.warn("remote JMX: authentication failed for a client");
                throw new SecurityException("authentication failed");
            }
            return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
        };
    }

    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.warn("stopping remote JMX failed: {}", e.toString());
        }
        unexport(registry);
    }

    private static void unexport(Registry registry) {
        if (registry != null) {
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (RemoteException notExported) {
                // nothing listens for it
            }
        }
    }

    /**
     * TLS server sockets on one address. The registry and the connector share this one instance,
     * so RMI serves both on the same port.
     */
    private record TlsServerSockets(SSLContext context, InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return context.getServerSocketFactory().createServerSocket(port, 50, address);
        }
    }
}
