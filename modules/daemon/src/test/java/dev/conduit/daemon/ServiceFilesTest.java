package dev.conduit.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.ConduitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The files in {@code daemon/} are what {@code conduit service install} writes for the system layout. */
class ServiceFilesTest {

    private static final Path DAEMON = Path.of("../../daemon");
    private static final ServiceLayout SYSTEM = ServiceLayout.unix(ServiceLayout.DEFAULT_USER);

    @Test
    void theShippedUnitIsTheRenderedOne() throws Exception {
        assertThat(Files.readString(DAEMON.resolve("conduit.service"))).isEqualTo(SystemdUnit.render(SYSTEM));
        assertThat(Files.readString(DAEMON.resolve("conduit.default"))).isEqualTo(ServiceDefaults.render(SYSTEM));
    }

    @Test
    void theUnitRunsJsvcInTheForegroundAndWaitsLongerThanTheDrainToStop() {
        String unit = SystemdUnit.render(SYSTEM);
        assertThat(unit).contains("Type=simple\n", "User=conduit\n", "ExecStart=/opt/conduit/daemon/conduitd run\n",
                "ExecReload=/bin/kill -USR2 $MAINPID\n", "Restart=on-failure\n", "KillMode=mixed\n",
                "Environment=CONDUIT_HOME=/var/lib/conduit\n", "Environment=CONDUIT_CONFIG=/etc/conduit/config.json\n",
                "LogsDirectory=conduit\n", "StateDirectory=conduit\n");
        long stopTimeout = Arrays.stream(unit.split("\n")).filter(line -> line.startsWith("TimeoutStopSec="))
                .mapToLong(line -> Long.parseLong(line.substring("TimeoutStopSec=".length()))).findFirst().orElseThrow();
        assertThat(stopTimeout).isGreaterThan(ConduitConfig.DEFAULT_DRAIN_TIMEOUT.toSeconds() + 10);
    }

    @Test
    void conduitdRunsJsvcForegroundSoThatSystemdSignalsJsvcItself() throws Exception {
        String conduitd = Files.readString(DAEMON.resolve("conduitd"));
        assertThat(conduitd).contains("exec=exec", "jsvc_run -nodetach", "-pidfile", "-outfile", "-user", "-procname",
                "-wait", "dev.conduit.daemon.ConduitDaemon --config \"$CONDUIT_CONFIG\"", "unset JAVA_OPTS");
        assertThat(Files.isExecutable(DAEMON.resolve("conduitd"))).isTrue();
    }

    @Test
    void pathsThatWouldBreakTheUnitOrTheScriptsAreRefused() {
        for (String bad : new String[] {"/opt/con duit\n", "/opt/\"x\"", "/opt/%h", "/opt/'x'", " "}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> new ServiceLayout(bad, "/etc/c.json", "/var/log/c", "/var/lib/c", "conduit"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
