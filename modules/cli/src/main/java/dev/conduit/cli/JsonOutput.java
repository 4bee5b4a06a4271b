package dev.conduit.cli;

import java.io.PrintStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code --json} output of the admin verbs: one indented JSON object, snake_case keys. */
final class JsonOutput {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonOutput() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void print(ObjectNode node, PrintStream out) {
        out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }
}
