package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's {@code --help}, the exit codes of usage errors, and the bash completion run by bash. */
class HelpAndCompletionTest {

    @TempDir
    Path home;

    private final InProcessConduit conduit = InProcessConduit.homedAt(() -> home);

    @Test
    void everyCommandExplainsItselfTheSameWay() {
        for (CommandHelp command : CommandHelp.all()) {
            for (String flag : new String[] {"--help", "-h"}) {
                assertThat(conduit.run(command.name(), flag)).as(command.name() + " " + flag).isZero();
                assertThat(conduit.out()).as(command.name()).startsWith("conduit " + command.name()).endsWith("\n");
                assertThat(conduit.err()).isEmpty();
            }
            String help = conduit.out();
            assertThat(conduit.run("help", command.name())).isZero();
            assertThat(conduit.out()).isEqualTo(help);
        }
    }

    @Test
    void theOverviewNamesEveryCommandAndTheExitCodes() {
        assertThat(conduit.run("--help")).isZero();
        for (CommandHelp command : CommandHelp.all()) {
            assertThat(conduit.out()).contains("\n  " + command.name() + " ");
        }
        assertThat(conduit.out()).contains("Exit codes: 0 ok, 1 failure, 2 usage error, 3 not running.");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy() {
        assertThat(conduit.run()).isEqualTo(2);
        assertThat(conduit.err()).startsWith("Usage: conduit <command> [options]");

        assertThat(conduit.run("serve")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit: unknown command \"serve\"\nUsage: conduit");

        assertThat(conduit.run("help", "serve")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit help: no command \"serve\"");

        assertThat(conduit.run("reload", "--verbose")).isEqualTo(2);
        assertThat(conduit.run("version", "--short")).isEqualTo(2);
        assertThat(conduit.run("completion", "fish")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit completion: name the shell, bash or zsh\n");
        assertThat(conduit.out()).isEmpty();
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        assertThat(conduit.run("completion", "bash")).isZero();
        Path script = Files.writeString(home.resolve("conduit.bash"), conduit.out());

        assertThat(completions(script, "conduit st")).isEqualTo("start stop status");
        assertThat(completions(script, "conduit reload --")).isEqualTo("--json --config --host --port");
        assertThat(completions(script, "conduit activate --shell ")).isEqualTo("sh powershell");
        assertThat(completions(script, "conduit completion ")).isEqualTo("bash zsh");
        assertThat(completions(script, "conduit help mo")).isEqualTo("model");
        assertThat(completions(script, "conduit model ")).isEqualTo("list set --json --explain --config");
        assertThat(completions(script, "conduit model set ")).isEqualTo("default background think longContext webSearch"
                + " image longContextThreshold");
        assertThat(completions(script, "conduit init --provider o")).isEqualTo("openrouter openai ollama");
        assertThat(completions(script, "conduit init --f")).isEqualTo("--from-ccr --force");
    }

    @Test
    void zshLoadsTheBashFunctionThroughBashcompinit() throws Exception {
        assertThat(conduit.run("completion", "zsh")).isZero();
        assertThat(conduit.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .contains("complete -o default -F _conduit conduit");
        Path script = Files.writeString(home.resolve("conduit.zsh"), conduit.out());
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(folder -> Files.isExecutable(Path.of(folder, "zsh"))),
                "zsh is not installed, so only the script's text was checked");

        // zsh itself loads it (compinit writes its dump file in the temporary home) and knows the completion then
        ProcessBuilder builder = new ProcessBuilder("zsh", "-f", "-c", "source \"$1\" && echo \"${_comps[conduit]}\"",
                "zsh", script.toString()).redirectErrorStream(true).directory(home.toFile());
        builder.environment().put("HOME", home.toString());
        Process zsh = builder.start();
        zsh.getOutputStream().close();
        String printed = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(zsh.exitValue()).as(printed).isZero();
        assertThat(printed).startsWith("_bash_complete ").endsWith(" -F _conduit\n");
    }

    /** What bash offers for {@code line} (the cursor at its end), as the completion function sets COMPREPLY. */
    private static String completions(Path script, String line) throws Exception {
        String program = """
                source "$1"
                read -ra COMP_WORDS <<< "$2"
                case "$2" in *" ") COMP_WORDS+=("") ;; esac
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                _conduit
                echo "${COMPREPLY[*]}"
                """;
        Process bash = new ProcessBuilder("bash", "-c", program, "bash", script.toString(), line)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).isZero();
        return printed;
    }
}
