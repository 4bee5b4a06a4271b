package dev.conduit.cli;

import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * {@code conduit completion bash|zsh}: a completion script built from {@link CommandHelp}, so it
 * knows every command and option there is. zsh runs the bash one through {@code bashcompinit}.
 */
final class CompletionScript {

    static final String USAGE = """
            conduit completion bash|zsh
              prints a completion script for the shell:
                source <(conduit completion bash)      (in ~/.bashrc)
                source <(conduit completion zsh)       (in ~/.zshrc)""";

    private CompletionScript() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || !(args[0].equals("bash") || args[0].equals("zsh"))) {
            err.println("conduit completion: name the shell, bash or zsh");
            err.println(USAGE);
            return Main.USAGE;
        }
        if (args[0].equals("zsh")) {
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(bash());
        return Main.OK;
    }

    private static String bash() {
        String commands = CommandHelp.all().stream().map(CommandHelp::name).collect(Collectors.joining(" "));
        String optionCases = CommandHelp.all().stream()
                .filter(help -> !help.options().isEmpty())
                .map(help -> "        %s) words=\"%s\" ;;\n".formatted(help.name(), String.join(" ", help.options())))
                .collect(Collectors.joining());
        return """
                # conduit completion (bash; zsh through bashcompinit)
                _conduit() {
                    local current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD-1]} words=""
                    if [ "$COMP_CWORD" -eq 1 ]; then
                        COMPREPLY=($(compgen -W "%s" -- "$current"))
                        return
                    fi
                    case "$previous" in
                        --config|--explain) COMPREPLY=($(compgen -f -- "$current")); return ;;
                        --shell) COMPREPLY=($(compgen -W "sh powershell" -- "$current")); return ;;
                        --provider) COMPREPLY=($(compgen -W "%3$s" -- "$current")); return ;;
                        --model) return ;;
                        set) [ "${COMP_WORDS[1]}" = model ] && COMPREPLY=($(compgen -W "%4$s" -- "$current")); return ;;
                        --root) COMPREPLY=($(compgen -d -- "$current")); return ;;
                        --platform) COMPREPLY=($(compgen -W "systemd windows" -- "$current")); return ;;
                        --host|--port|--lines|--max-worker-rss|--max-worker-heap|--memory-sustain) return ;;
                    esac
                    case "${COMP_WORDS[1]}" in
                %s        *) ;;
                    esac
                    COMPREPLY=($(compgen -W "$words" -- "$current"))
                }
                complete -o default -F _conduit conduit
                """.formatted(commands, optionCases,
                StarterConfig.PROVIDERS.stream().map(StarterConfig::provider).collect(Collectors.joining(" ")),
                String.join(" ", ModelSetter.SETTABLE));
    }
}
