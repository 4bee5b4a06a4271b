package dev.conduit.providers.openai;

import static dev.conduit.providers.openai.OpenAiRequestTranslatorTest.toolNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.testing.ClaudeCodeFixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The real Claude Code requests, translated for an OpenAI-compatible upstream. */
class ClaudeCodeTranslationTest {

    static final List<String> FIXTURES = ClaudeCodeFixtures.ALL;

    private static ObjectNode translate(String fixture) {
        return OpenAiRequestTranslatorTest.TRANSLATOR.translate(
                AnthropicRequestReader.read(ClaudeCodeFixtures.body(fixture)), "up-model", true);
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(message -> roles.add(message.get("role").stringValue()));
        return roles;
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void systemComesFirstAndOnlyOnceWithoutTheBillingHeader(String fixture) {
        ObjectNode body = translate(fixture);
        JsonNode messages = body.get("messages");

        assertThat(messages.get(0).get("role").stringValue()).isEqualTo("system");
        assertThat(messages.get(0).get("content").stringValue()).startsWith("You are ");
        assertThat(roles(messages)).containsOnlyOnce("system");
        assertThat(Json.MAPPER.writeValueAsString(body)).doesNotContain("x-anthropic-billing-header");
        assertThat(body.get("model").stringValue()).isEqualTo("up-model");
        assertThat(body.get("max_tokens").intValue()).isEqualTo(128000);
        assertThat(body.get("stream_options")).isEqualTo(Json.MAPPER.readTree("{\"include_usage\":true}"));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyToolMessageAnswersACallOfThePrecedingAssistantMessage(String fixture) {
        JsonNode messages = translate(fixture).get("messages");

        Set<String> openCalls = new HashSet<>();
        String previousRole = null;
        for (JsonNode message : messages) {
            String role = message.get("role").stringValue();
            assertThat(role).isIn("system", "user", "assistant", "tool");
            if (role.equals("assistant")) {
                openCalls.clear();
                if (message.has("tool_calls")) {
                    message.get("tool_calls").forEach(call -> openCalls.add(call.get("id").stringValue()));
                }
            } else if (role.equals("tool")) {
                assertThat(previousRole).isIn("assistant", "tool");
                assertThat(openCalls).as("tool_call_id").contains(message.get("tool_call_id").stringValue());
                openCalls.remove(message.get("tool_call_id").stringValue());
            } else {
                assertThat(openCalls).as("calls left unanswered before a %s message", role).isEmpty();
            }
            previousRole = role;
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void noDeferredPlaceholderIsEverOffered(String fixture) {
        assertThat(toolNames(translate(fixture))).doesNotContain("DeferredToolPlaceholder");
    }

    @Test
    void printRequestMergesTheEnvironmentIntoTheSystemPrompt() {
        ObjectNode body = translate(ClaudeCodeFixtures.PRINT);
        JsonNode messages = body.get("messages");

        assertThat(messages.get(0).get("content").stringValue())
                .startsWith("You are a Claude agent, built on Anthropic's Claude Agent SDK.")
                .contains("\n# Environment\n");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("role").stringValue()).isEqualTo("user");
        assertThat(messages.get(1).get("content").stringValue()).endsWith("CCPLAIN-MWX0Z8WTWO1C say hi");
        assertThat(toolNames(body)).containsExactly(
                "Agent", "Bash", "Edit", "ListAgents", "Read", "ReportFindings", "ScheduleWakeup", "Skill", "ToolSearch",
                "Workflow", "Write");
    }

    @Test
    void readToolFollowUpSendsTheCallAndItsResult() {
        JsonNode messages = translate(ClaudeCodeFixtures.READ_TOOL_FOLLOWUP).get("messages");

        assertThat(roles(messages)).containsExactly("system", "user", "assistant", "tool");
        JsonNode call = messages.get(2).get("tool_calls").get(0);
        assertThat(call.get("id").stringValue()).isEqualTo("call_mock_22");
        assertThat(Json.MAPPER.readTree(call.get("function").get("arguments").stringValue()))
                .isEqualTo(Json.MAPPER.readTree("{\"file_path\":\"/home/dev/project/secret.txt\"}"));
        assertThat(messages.get(3).get("tool_call_id").stringValue()).isEqualTo("call_mock_22");
        assertThat(messages.get(3).get("content").stringValue()).contains("SECRET-MWX0Z8WTWO1C is the content");
    }

    @Test
    void toolSearchFollowUpOffersTheLoadedTool() {
        ObjectNode body = translate(ClaudeCodeFixtures.TOOLSEARCH_FOLLOWUP);
        JsonNode messages = body.get("messages");

        assertThat(toolNames(body)).contains("WebFetch").doesNotContain("DeferredToolPlaceholder");
        assertThat(messages.get(3)).isEqualTo(Json.MAPPER.readTree(
                "{\"role\":\"tool\",\"tool_call_id\":\"call_mock_26\",\"content\":\"Tool WebFetch loaded.\"}"));
        assertThat(messages.get(4)).isEqualTo(Json.MAPPER.readTree("{\"role\":\"user\",\"content\":\"Tool loaded.\"}"));
    }

    @Test
    void titleRequestHasNoTools() {
        ObjectNode body = translate(ClaudeCodeFixtures.INTERACTIVE_TITLE);

        assertThat(body.has("tools")).isFalse();
        assertThat(roles(body.get("messages"))).containsExactly("system", "user");
    }
}
