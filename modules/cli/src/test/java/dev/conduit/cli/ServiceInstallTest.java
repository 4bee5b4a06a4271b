package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.daemon.ProcrunInstall;
import dev.conduit.daemon.ServiceDefaults;
import dev.conduit.daemon.ServiceLayout;
import dev.conduit.daemon.SystemdUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conduit service install | uninstall | status} writing into a root of its own: the files it
 * writes, what it prints, what it refuses, its exit codes.
 */
class ServiceInstallTest {

    @TempDir
    Path root;

    private record Result(int exitCode, String out, String err) {}

    private Result conduit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path unit() {
        return root.resolve("etc/systemd/system/conduit.service");
    }

    private Path defaults() {
        return root.resolve("etc/default/conduit");
    }

    @Test
    void installWritesTheUnitAndTheDefaultsAndSaysSo() throws Exception {
        Result install = conduit("service", "install", "--root", root.toString(), "--platform", "systemd");

        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(Files.readString(unit())).isEqualTo(SystemdUnit.render(ServiceLayout.unix("conduit")));
        assertThat(Files.readString(defaults())).isEqualTo(ServiceDefaults.render(ServiceLayout.unix("conduit")));
        assertThat(install.out()).startsWith("""
                write %s (User=conduit)
                write %s
                Next, as root: the user, the config, then the service
                """.formatted(unit(), defaults()));
        assertThat(install.out()).contains("systemctl daemon-reload && systemctl enable --now conduit");
    }

    @Test
    void anExistingUnitIsReplacedOnlyWithForceAndTheSettingsAreNeverOverwritten() throws Exception {
        assertThat(conduit("service", "install", "--root", root.toString(), "--platform", "systemd").exitCode())
                .isZero();
        Files.writeString(defaults(), "CONDUIT_ARGS=--port 4000\n");
        String unitBefore = Files.readString(unit());

        Result refused = conduit("service", "install", "--root", root.toString(), "--platform", "systemd",
                "--user", "gateway");
        assertThat(refused.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(refused.err()).isEqualTo("conduit service install: " + unit()
                + " exists; --force replaces it. Nothing was changed.\n");
        assertThat(refused.out()).isEmpty();
        assertThat(Files.readString(unit())).isEqualTo(unitBefore);

        Result forced = conduit("service", "install", "--root", root.toString(), "--platform", "systemd",
                "--user", "gateway", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("replace " + unit() + " (User=gateway)\nkeep " + defaults() + " (exists)\n");
        assertThat(Files.readString(unit())).contains("User=gateway\n", "Group=gateway\n");
        assertThat(Files.readString(defaults())).isEqualTo("CONDUIT_ARGS=--port 4000\n");
    }

    @Test
    void statusTellsWhetherTheUnitIsInstalledAndUninstallRemovesItKeepingTheSettings() throws Exception {
        Result before = conduit("service", "status", "--root", root.toString(), "--platform", "systemd");
        assertThat(before.exitCode()).isEqualTo(Main.NOT_RUNNING);
        assertThat(before.out()).isEqualTo("not installed: no unit at " + unit() + "\n");

        conduit("service", "install", "--root", root.toString(), "--platform", "systemd", "--user", "gateway");
        Result installed = conduit("service", "status", "--root", root.toString(), "--platform", "systemd");
        assertThat(installed.exitCode()).isZero();
        assertThat(installed.out()).isEqualTo("installed: " + unit() + " (User=gateway)\n"
                + "not running (no supervisor for " + root.resolve("var/lib/conduit") + ")\n");

        Result uninstall = conduit("service", "uninstall", "--root", root.toString(), "--platform", "systemd");
        assertThat(uninstall.exitCode()).isZero();
        assertThat(uninstall.out()).startsWith("remove " + unit() + "\nkeep " + defaults() + " (your settings)\n");
        assertThat(unit()).doesNotExist();
        assertThat(defaults()).exists();

        Result again = conduit("service", "uninstall", "--root", root.toString(), "--platform", "systemd");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("no unit at " + unit() + ": nothing removed\n");
    }

    @Test
    void aDryRunPrintsWhatItWouldDoAndWritesNothing() {
        Result dryRun = conduit("service", "install", "--root", root.toString(), "--platform", "systemd", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).startsWith("would write " + unit() + " (User=conduit)\nwould write " + defaults() + "\n");
        assertThat(unit()).doesNotExist();
        assertThat(defaults()).doesNotExist();
    }

    @Test
    void theWindowsServiceCommandsArePrintedExactlyOnADryRunAndRefusedOffWindows() {
        Result dryRun = conduit("service", "install", "--platform", "windows", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        ServiceLayout layout = ServiceLayout.windows(ServiceLayout.WINDOWS_DEFAULT_USER);
        String install = ProcrunInstall.install(layout).stream().map(ProcrunInstall::quote)
                .collect(Collectors.joining(" "));
        assertThat(dryRun.out()).isEqualTo("would run: " + install + "\n"
                + "would run: sc.exe failure Conduit reset= 86400 actions= restart/5000/restart/5000/restart/60000\n");
        assertThat(install).startsWith("\"C:\\Program Files\\Conduit\\daemon\\prunsrv.exe\" //IS//Conduit "
                + "\"--DisplayName=Conduit LLM API gateway\"")
                .contains(" \"--Jvm=C:\\Program Files\\Conduit\\bin\\server\\jvm.dll\" --StartMode=jvm ",
                        " --StopTimeout=60 ", " --LogPath=C:\\ProgramData\\Conduit\\logs ",
                        " \"--ServiceUser=NT Authority\\LocalService\" ");

        Result uninstall = conduit("service", "uninstall", "--platform", "windows", "--dry-run");
        assertThat(uninstall.out()).isEqualTo(
                "would run: \"C:\\Program Files\\Conduit\\daemon\\prunsrv.exe\" //DS//Conduit\n");

        Result real = conduit("service", "install", "--platform", "windows");
        assertThat(real.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(real.err()).contains("a Windows service is managed on Windows");
    }

    @Test
    void badOptionsAreUsageErrorsThatChangeNothing() {
        for (String[] args : new String[][] {{"service"}, {"service", "enable"}, {"service", "install", "--user"},
                {"service", "install", "--user", "a;rm -rf /", "--root", root.toString()},
                {"service", "install", "--platform", "launchd"}, {"service", "install", "--frobnicate"}}) {
            Result result = conduit(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
            assertThat(result.err()).startsWith("conduit service: ").contains("conduit service install|uninstall|status");
        }
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void helpDescribesTheCommand() {
        Result help = conduit("service", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("conduit service install|uninstall|status", "--user NAME", "--force",
                "/opt/conduit", "/etc/conduit/config.json", "/var/log/conduit", "/var/lib/conduit");
    }
}
