package dev.conduit.cli;

/** How a shell sets and removes an environment variable, with values quoted so the shell takes them literally. */
enum ShellSyntax {
    /** sh, bash, zsh: single quotes, inside which nothing is special but the quote itself. */
    POSIX {
        @Override
        String set(String name, String value) {
            return "export " + name + "='" + value.replace("'", "'\\''") + "'";
        }

        @Override
        String unset(String name) {
            return "unset " + name;
        }
    },
    /** PowerShell: single-quoted strings are verbatim; a quote (the typographic ones count too) is doubled. */
    POWERSHELL {
        @Override
        String set(String name, String value) {
            return "$env:" + name + " = '" + value.replaceAll("(['\u2018\u2019\u201A\u201B])", "$1$1") + "'";
        }

        @Override
        String unset(String name) {
            return "Remove-Item Env:" + name + " -ErrorAction SilentlyContinue";
        }
    };

    abstract String set(String name, String value);

    abstract String unset(String name);

    static ShellSyntax named(String name) {
        return switch (name) {
            case "sh", "bash", "zsh" -> POSIX;
            case "powershell", "pwsh" -> POWERSHELL;
            default -> throw new IllegalArgumentException("unknown shell " + name + " (sh or powershell)");
        };
    }
}
