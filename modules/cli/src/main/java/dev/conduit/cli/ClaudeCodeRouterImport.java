package dev.conduit.cli;

import dev.conduit.config.ConfigText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * claude-code-router's config as Conduit keeps it: the same text, less what cannot run in Conduit
 * ({@code CUSTOM_ROUTER_PATH}, a JavaScript router, and custom JavaScript {@code transformers}
 * plugins), with a first line saying where it came from. Keys Conduit does not use stay: the
 * loader ignores them.
 *
 * @param text the config to write
 * @param removed what was left out, and why, one line each
 */
record ClaudeCodeRouterImport(String text, List<String> removed) {

    /** What may follow a member on its line when it has the line to itself: a comma, a line comment. */
    private static final Pattern LINE_REST = Pattern.compile("\\s*,?\\s*(//.*)?\\r?");

    ClaudeCodeRouterImport {
        removed = List.copyOf(removed);
    }

    static ClaudeCodeRouterImport of(String ccrText, String origin) {
        String text = ccrText;
        List<String> removed = new ArrayList<>();
        if (ConfigText.member(text, List.of(), "CUSTOM_ROUTER_PATH").isPresent()) {
            text = without(text, "CUSTOM_ROUTER_PATH");
            removed.add("CUSTOM_ROUTER_PATH: a JavaScript router cannot run in Conduit; write its logic as Router.rules"
                    + " (docs/ROUTING.md)");
        }
        Optional<ConfigText.Member> plugins = ConfigText.member(text, List.of(), "transformers");
        if (plugins.isPresent() && text.substring(plugins.get().value().start(), plugins.get().value().end())
                .matches("(?s)\\[.*\\S.*]") ) {
            text = without(text, "transformers");
            removed.add("transformers: JavaScript transformer plugins cannot run in Conduit; the built-in"
                    + " transformers apply (docs/CONFIG.md)");
        }
        String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
        return new ClaudeCodeRouterImport(bom + "// Imported from " + origin + " by conduit init\n"
                + text.substring(bom.length()), removed);
    }

    /** The text without every top-level member named {@code name}: its whole lines when it has them to itself. */
    private static String without(String text, String name) {
        String result = text;
        Optional<ConfigText.Member> member;
        while ((member = ConfigText.member(result, List.of(), name)).isPresent()) {
            result = remove(result, member.get());
        }
        return result;
    }

    private static String remove(String text, ConfigText.Member member) {
        int lineStart = text.lastIndexOf('\n', member.keyStart() - 1) + 1;
        int end = member.value().end();
        int lineEnd = text.indexOf('\n', end) < 0 ? text.length() : text.indexOf('\n', end);
        if (text.substring(lineStart, member.keyStart()).isBlank() && LINE_REST.matcher(text.substring(end, lineEnd)).matches()) {
            return text.substring(0, lineStart) + text.substring(Math.min(lineEnd + 1, text.length()));
        }
        List<ConfigText.Member> members = ConfigText.object(text, List.of()).orElseThrow().members();
        int index = members.indexOf(member);
        if (index > 0) {
            return text.substring(0, members.get(index - 1).value().end()) + text.substring(end);
        }
        int next = index + 1 < members.size() ? members.get(index + 1).keyStart() : end;
        return text.substring(0, member.keyStart()) + text.substring(next);
    }
}
