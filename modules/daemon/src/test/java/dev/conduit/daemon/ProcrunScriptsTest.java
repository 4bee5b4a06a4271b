package dev.conduit.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Windows scripts run the prunsrv and sc.exe command lines {@link ProcrunInstall} renders
 * (and {@code conduit service install} runs). Linux cannot run them, so their command lines are
 * read, their variables set as Windows would, and their arguments split as cmd.exe and
 * PowerShell pass them on.
 */
class ProcrunScriptsTest {

    private static final Path DAEMON = Path.of("../../daemon");
    private static final ServiceLayout LAYOUT = new ServiceLayout("D:\\Apps\\Conduit 1.0", "E:\\conf\\conduit.json",
            "E:\\logs\\conduit", "E:\\state\\conduit", "CORP\\svc-conduit");
    private static final Map<String, String> VARIABLES = Map.of(
            "CONDUIT_IMAGE", LAYOUT.image(), "CONDUIT_HOME", LAYOUT.state(), "CONDUIT_CONFIG", LAYOUT.config(),
            "CONDUIT_LOGS", LAYOUT.logs(), "PRUNSRV", ProcrunInstall.prunsrv(LAYOUT), "SERVICE_NAME", "Conduit",
            "SERVICE_USER", LAYOUT.user());
    private static final Map<String, String> POWERSHELL = Map.of(
            "Image", LAYOUT.image(), "StateHome", LAYOUT.state(), "Config", LAYOUT.config(), "Logs", LAYOUT.logs(),
            "Prunsrv", ProcrunInstall.prunsrv(LAYOUT), "Service", "Conduit", "User", LAYOUT.user());

    @Test
    void installServiceBatRunsTheRenderedPrunsrvAndScCommands() throws Exception {
        List<List<String>> commands = batCommands(Files.readAllLines(DAEMON.resolve("install-service.bat")));
        assertThat(commands).containsExactly(ProcrunInstall.install(LAYOUT), ProcrunInstall.recovery());
    }

    @Test
    void uninstallServiceBatRunsPrunsrvDs() throws Exception {
        assertThat(batCommands(Files.readAllLines(DAEMON.resolve("uninstall-service.bat"))))
                .containsExactly(ProcrunInstall.uninstall(LAYOUT));
    }

    @Test
    void installServicePs1PassesTheRenderedArguments() throws Exception {
        String script = Files.readString(DAEMON.resolve("install-service.ps1"));
        List<String> install = new ArrayList<>();
        install.add(ProcrunInstall.prunsrv(LAYOUT));
        install.addAll(powershellArray(script, "install"));
        assertThat(install).isEqualTo(ProcrunInstall.install(LAYOUT));
        assertThat(script).contains("& $Prunsrv @install");

        List<String> recovery = new ArrayList<>(List.of("sc.exe"));
        recovery.addAll(powershellArray(script, "recovery"));
        assertThat(recovery).isEqualTo(ProcrunInstall.recovery());
        assertThat(script).contains("& sc.exe @recovery");
    }

    @Test
    void uninstallServicePs1PassesPrunsrvDs() throws Exception {
        String script = Files.readString(DAEMON.resolve("uninstall-service.ps1"));
        List<String> uninstall = new ArrayList<>(List.of(ProcrunInstall.prunsrv(LAYOUT)));
        uninstall.addAll(powershellArray(script, "uninstall"));
        assertThat(uninstall).isEqualTo(ProcrunInstall.uninstall(LAYOUT));
    }

    @Test
    void theServiceRunsOnTheImagesJvmDllInJvmModeWithAStopTimeoutOverTheDrainDeadline() {
        List<String> install = ProcrunInstall.install(LAYOUT);
        assertThat(install).contains("//IS//Conduit", "--Jvm=D:\\Apps\\Conduit 1.0\\bin\\server\\jvm.dll",
                "--StartMode=jvm", "--StopMode=jvm", "--StartClass=dev.conduit.daemon.ProcrunService",
                "--StopClass=dev.conduit.daemon.ProcrunService", "--LogPath=E:\\logs\\conduit", "--StopTimeout=60",
                "--ServiceUser=CORP\\svc-conduit");
        assertThat(ProcrunInstall.quote("--Jvm=D:\\Apps\\Conduit 1.0\\bin\\server\\jvm.dll"))
                .isEqualTo("\"--Jvm=D:\\Apps\\Conduit 1.0\\bin\\server\\jvm.dll\"");
    }

    /** The commands a .bat runs: lines starting with a program, continued by a final {@code ^}. */
    private static List<List<String>> batCommands(List<String> lines) {
        List<List<String>> commands = new ArrayList<>();
        StringBuilder command = null;
        for (String line : lines) {
            String text = line.strip();
            if (command == null && (text.startsWith("\"%PRUNSRV%\"") || text.startsWith("sc.exe "))) {
                command = new StringBuilder();
            }
            if (command != null) {
                boolean continued = text.endsWith("^");
                command.append(continued ? text.substring(0, text.length() - 1) : text).append(' ');
                if (!continued) {
                    commands.add(cmdArguments(expand(command.toString(), Pattern.compile("%([A-Z_]+)%"), VARIABLES)));
                    command = null;
                }
            }
        }
        return commands;
    }

    /** Splits as the C runtime splits a command line: blanks outside quotes, quotes removed. */
    private static List<String> cmdArguments(String line) {
        List<String> arguments = new ArrayList<>();
        StringBuilder argument = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    arguments.add(argument.toString());
                    argument.setLength(0);
                    any = false;
                }
            } else {
                argument.append(c);
                any = true;
            }
        }
        if (any) {
            arguments.add(argument.toString());
        }
        return arguments;
    }

    /** The items of {@code $name = @( ... )}: each a quoted string, double-quoted ones expanded. */
    private static List<String> powershellArray(String script, String name) {
        Matcher array = Pattern.compile("\\$" + name + " = @\\((.*?)\\)\\s*$", Pattern.DOTALL | Pattern.MULTILINE)
                .matcher(script);
        assertThat(array.find()).as("$" + name + " = @(...)").isTrue();
        List<String> items = new ArrayList<>();
        Matcher item = Pattern.compile("\"([^\"]*)\"|'([^']*)'|\\$(\\w+)").matcher(array.group(1));
        while (item.find()) {
            if (item.group(1) != null) {
                items.add(expand(item.group(1), Pattern.compile("\\$(\\w+)"), POWERSHELL));
            } else if (item.group(2) != null) {
                items.add(item.group(2));
            } else {
                items.add(POWERSHELL.get(item.group(3)));
            }
        }
        return items;
    }

    private static String expand(String text, Pattern variable, Map<String, String> values) {
        return variable.matcher(text).replaceAll(match -> {
            String value = values.get(match.group(1));
            assertThat(value).as("a value for " + match.group()).isNotNull();
            return Matcher.quoteReplacement(value);
        });
    }
}
