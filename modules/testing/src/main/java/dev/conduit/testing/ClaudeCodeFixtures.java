package dev.conduit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real requests Claude Code 2.1.332 sent (see claude-code/README.md beside this class): each
 * holds {@code method}, {@code path}, {@code headers} and {@code body}.
 */
public final class ClaudeCodeFixtures {

    public static final String PRINT = "cc-2.1.332-print-request.json";
    public static final String READ_TOOL_FOLLOWUP = "cc-2.1.332-read-tool-followup-request.json";
    public static final String TOOLSEARCH_FOLLOWUP = "cc-2.1.332-toolsearch-followup-request.json";
    public static final String INTERACTIVE_TURN = "cc-2.1.332-interactive-turn-request.json";
    public static final String INTERACTIVE_TITLE = "cc-2.1.332-interactive-title-request.json";

    public static final List<String> ALL = List.of(PRINT, READ_TOOL_FOLLOWUP, TOOLSEARCH_FOLLOWUP, INTERACTIVE_TURN, INTERACTIVE_TITLE);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClaudeCodeFixtures() {}

    public static JsonNode capture(String name) {
        try (InputStream in = ClaudeCodeFixtures.class.getResourceAsStream("claude-code/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request body alone. */
    public static JsonNode body(String name) {
        return capture(name).get("body");
    }
}
