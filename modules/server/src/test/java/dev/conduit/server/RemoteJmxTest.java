package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JMX as an operator configures it: a worker listens for JMX on the chosen address only
 * with TLS and passwords, a real {@link JMXConnector} with the SSL socket factory and credentials
 * runs {@code reload()} through it, and a worker told to open remote JMX without them refuses to start.
 */
class RemoteJmxTest {

    private static final String PASSWORD = "jmx-secret-2468";
    private static final String STORE_PASSWORD = "changeit-store";

    @TempDir
    Path folder;

    private MockUpstream upstream;
    private Path config;
    private Path passwordFile;
    private Path sslConfig;
    private Path keyStore;
    private Worker worker;
    private SSLContext previousDefault;

    @BeforeEach
    void filesAnOperatorWrites() throws Exception {
        upstream = new MockUpstream();
        config = folder.resolve("config.json");
        Files.writeString(config, """
                {Providers: [{name: 'mock', api_base_url: '%s', api_key: 'sk-mock', models: ['mock-model']}],
                 Router: {default: 'mock,mock-model'}}""".formatted(upstream.chatCompletionsUrl()));
        keyStore = folder.resolve("jmx.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "conduit-jmx", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        passwordFile = Files.writeString(folder.resolve("jmx.password"), "controlRole " + PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        sslConfig = Files.writeString(folder.resolve("jmx-ssl.properties"),
                "javax.net.ssl.keyStore=" + keyStore + "\njavax.net.ssl.keyStorePassword=" + STORE_PASSWORD + "\n");
        previousDefault = SSLContext.getDefault();
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop();
        }
        upstream.close();
        SSLContext.setDefault(previousDefault);
    }

    private Map<String, String> remoteJmx(int port) {
        Map<String, String> variables = new HashMap<>();
        variables.put(RemoteJmxSettings.ADDRESS, "127.0.0.1:" + port);
        variables.put(RemoteJmxSettings.PASSWORD_FILE, passwordFile.toString());
        variables.put(RemoteJmxSettings.SSL_CONFIG_FILE, sslConfig.toString());
        return variables;
    }

    private Worker start(Map<String, String> variables) throws Exception {
        return Worker.start(WorkerOptions.parse("--config", config.toString(), "--port", "0"),
                new WorkerEnvironment(variables, folder.resolve("home")));
    }

    /** What a JMX client does: trust the worker's certificate, send credentials, talk TLS to registry and connector. */
    private JMXConnector connect(int port, String user, String password) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLContext.setDefault(context); // SslRMIClientSocketFactory uses the default context
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        environment.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        return JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"),
                environment);
    }

    @Test
    void anAuthenticatedTlsClientRunsOperations() throws Exception {
        int port = LocalPorts.unused();
        worker = start(remoteJmx(port));

        try (JMXConnector connector = connect(port, "controlRole", PASSWORD)) {
            GatewayMXBean gateway = JMX.newMXBeanProxy(connector.getMBeanServerConnection(),
                    new javax.management.ObjectName(GatewayMXBean.OBJECT_NAME), GatewayMXBean.class);
            assertThat(gateway.getState()).isEqualTo("SERVING");
            assertThat(gateway.reload()).startsWith("applied (JMX reload()): 1 provider");
        }
        assertThatThrownBy(() -> connect(port, "controlRole", "wrong-password").close())
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"controlRole", PASSWORD})).close())
                .as("a client without TLS gets nowhere").isInstanceOf(IOException.class);
    }

    @Test
    void withoutPasswordsTheWorkerRefusesToStart() throws Exception {
        Map<String, String> variables = remoteJmx(LocalPorts.unused());
        variables.remove(RemoteJmxSettings.PASSWORD_FILE);

        assertThatThrownBy(() -> start(variables)).isInstanceOf(StartupException.class)
                .hasMessage("remote JMX refused: CONDUIT_JMX_REMOTE is set but CONDUIT_JMX_PASSWORD_FILE is not: remote "
                        + "JMX requires authentication (see docs/SECURITY.md)");
    }

    @Test
    void withoutTlsTheWorkerRefusesToStart() throws Exception {
        Map<String, String> variables = remoteJmx(LocalPorts.unused());
        variables.remove(RemoteJmxSettings.SSL_CONFIG_FILE);

        assertThatThrownBy(() -> start(variables)).isInstanceOf(StartupException.class)
                .hasMessage("remote JMX refused: CONDUIT_JMX_REMOTE is set but CONDUIT_JMX_SSL_CONFIG_FILE is not: remote "
                        + "JMX requires TLS (see docs/SECURITY.md)");
        Files.writeString(sslConfig, "javax.net.ssl.keyStorePassword=" + STORE_PASSWORD + "\n");
        assertThatThrownBy(() -> start(remoteJmx(LocalPorts.unused()))).isInstanceOf(StartupException.class)
                .hasMessageContaining("must set javax.net.ssl.keyStore");
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(remoteJmx(LocalPorts.unused()))).isInstanceOf(StartupException.class)
                .hasMessage("remote JMX refused: CONDUIT_JMX_PASSWORD_FILE must be readable by its owner only (chmod 600) "
                        + "(see docs/SECURITY.md)");
    }

    @Test
    void noJmxPortWithoutTheSetting() throws Exception {
        assertThat(RemoteJmxSettings.from(Map.of())).isEmpty();
        assertThatThrownBy(() -> RemoteJmxSettings.from(Map.of(RemoteJmxSettings.ADDRESS, "9010")))
                .hasMessageStartingWith("remote JMX refused: CONDUIT_JMX_REMOTE is \"9010\"; it takes address:port");
    }
}
