package dev.conduit.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.config.ConfigLoader;
import dev.conduit.server.WorkerOptions;
import dev.conduit.testing.LocalPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the service checks in {@code init}, with a real config file and real sockets. */
class ServicePreflightTest {

    private static final PortAccess UNPRIVILEGED = new PortAccess(false, false, 1024);

    @TempDir
    Path home;

    private ConfigLoader loader() {
        return new ConfigLoader(Map.of(), home);
    }

    private WorkerOptions options(String... args) throws Exception {
        Path config = home.resolve("config.json");
        if (!Files.exists(config)) {
            Files.writeString(config, """
                    {Providers: [{name: 'p', api_base_url: 'http://127.0.0.1:9/v1/chat/completions', models: ['m']}],
                     Router: {default: 'p,m'}}""");
        }
        return WorkerOptions.parse(List.of(List.of("--config", config.toString()), List.of(args)).stream()
                .flatMap(List::stream).toArray(String[]::new));
    }

    @Test
    void aFreePortAndAValidConfigPass() throws Exception {
        int port = LocalPorts.unused();
        assertThat(ServicePreflight.check(options("--port", Integer.toString(port)), loader(),
                Optional.of(UNPRIVILEGED), 0)).isEqualTo("127.0.0.1:" + port);
    }

    @Test
    void aPortSomeoneListensOnFailsTheStartNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            assertThatThrownBy(() -> ServicePreflight.check(options("--port", port), loader(), Optional.empty(), 0))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ");
            // the port of the worker a dead supervisor left serving is its own: the service adopts it
            assertThat(ServicePreflight.check(options("--port", port), loader(), Optional.empty(),
                    taken.getLocalPort())).isEqualTo("127.0.0.1:" + port);
        }
    }

    @Test
    void aBrokenConfigFailsTheStartWithTheConfigsOwnMessage() throws Exception {
        Files.writeString(home.resolve("config.json"), "{Providers: [");
        assertThatThrownBy(() -> ServicePreflight.check(options(), loader(), Optional.empty(), 0))
                .isInstanceOf(ServiceStartException.class).hasMessageStartingWith("the config is not valid: ");
    }

    @Test
    void aPrivilegedPortTheWorkersMayNotBindFailsTheStartSayingWhatToDo() throws Exception {
        assertThatThrownBy(() -> ServicePreflight.check(options("--port", "80"), loader(), Optional.of(UNPRIVILEGED), 0))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("port 80 is privileged")
                .hasMessageContaining("AmbientCapabilities=CAP_NET_BIND_SERVICE");
    }

    @Test
    void workersMayBindAPrivilegedPortAsRootWithTheAmbientCapabilityOrBelowALoweredStart() throws Exception {
        assertThat(UNPRIVILEGED.workersMayBind(80)).isFalse();
        assertThat(UNPRIVILEGED.workersMayBind(1024)).isTrue();
        assertThat(UNPRIVILEGED.workersMayBind(0)).isTrue();
        assertThat(new PortAccess(true, false, 1024).workersMayBind(80)).isTrue();
        assertThat(new PortAccess(false, true, 1024).workersMayBind(80)).isTrue();
        assertThat(new PortAccess(false, false, 80).workersMayBind(80)).isTrue();
    }

    @Test
    void theAccessIsReadFromTheProcessStatus() {
        List<String> service = List.of("Name:\tjava", "Uid:\t998\t998\t998\t998", "CapInh:\t0000000000000000",
                "CapAmb:\t0000000000000400");
        assertThat(PortAccess.of(service, 1024)).isEqualTo(new PortAccess(false, true, 1024));
        List<String> root = List.of("Uid:\t1000\t0\t0\t0", "CapAmb:\t0000000000000000");
        assertThat(PortAccess.of(root, 1024)).isEqualTo(new PortAccess(true, false, 1024));
        assertThat(PortAccess.ofThisProcess()).as("this is Linux").isPresent();
    }

    @Test
    void theUnprivilegedPortStartIsReadWhole() throws Exception {
        Process cat = new ProcessBuilder("cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start").start();
        int expected = Integer.parseInt(new String(cat.getInputStream().readAllBytes()).strip());
        assertThat(cat.waitFor()).isZero();
        assertThat(PortAccess.ofThisProcess().orElseThrow().unprivilegedPortStart()).isEqualTo(expected);
    }
}
