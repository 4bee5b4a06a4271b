package dev.conduit.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.testing.ClaudeCodeFixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The real Claude Code requests, translated for Gemini. */
class GeminiClaudeCodeTest {

    static final List<String> FIXTURES = ClaudeCodeFixtures.ALL;

    /** The fields of Gemini's Schema object (ai.google.dev API reference). */
    private static final Set<String> SCHEMA_FIELDS = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

    private static ObjectNode translate(String fixture) {
        return GeminiTestSupport.translate(AnthropicRequestReader.read(ClaudeCodeFixtures.body(fixture)), "gemini-2.5-pro");
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void theSystemPromptIsTheInstructionWithoutTheBillingHeader(String fixture) {
        ObjectNode body = translate(fixture);

        assertThat(body.at("/systemInstruction/parts/0/text").stringValue()).startsWith("You are ");
        assertThat(Json.MAPPER.writeValueAsString(body)).doesNotContain("x-anthropic-billing-header");
        assertThat(body.at("/generationConfig/maxOutputTokens").intValue()).isEqualTo(65536);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void turnsAlternateAndEveryResultNamesItsFunction(String fixture) {
        JsonNode contents = translate(fixture).get("contents");

        String previous = "model";
        for (JsonNode content : contents) {
            String role = content.get("role").stringValue();
            assertThat(role).isIn("user", "model").isNotEqualTo(previous);
            previous = role;
            for (JsonNode part : content.get("parts")) {
                if (part.has("functionResponse")) {
                    assertThat(part.at("/functionResponse/name").stringValue()).isNotEmpty();
                }
            }
        }
        assertThat(contents.get(0).get("role").stringValue()).isEqualTo("user");
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void toolSchemasUseOnlyWhatGeminiAccepts(String fixture) {
        JsonNode tools = translate(fixture).path("tools");

        for (JsonNode declaration : tools.path(0).path("functionDeclarations")) {
            assertThat(declaration.get("name").stringValue()).matches("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");
            if (declaration.has("parameters")) {
                assertSchema(declaration.get("parameters"), declaration.get("name").stringValue());
            }
        }
    }

    private static void assertSchema(JsonNode schema, String where) {
        assertThat(schema.propertyNames()).as(where).isSubsetOf(SCHEMA_FIELDS);
        if (schema.path("type").asString("").equals("array")) {
            assertThat(schema.has("items")).as(where + " has items").isTrue();
        }
        schema.path("properties").properties().forEach(entry -> assertSchema(entry.getValue(), where + "." + entry.getKey()));
        if (schema.has("items")) {
            assertSchema(schema.get("items"), where + "[]");
        }
        schema.path("anyOf").forEach(alternative -> assertSchema(alternative, where + "|"));
    }
}
