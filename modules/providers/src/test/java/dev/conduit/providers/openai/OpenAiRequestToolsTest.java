package dev.conduit.providers.openai;

import static dev.conduit.providers.openai.OpenAiRequestTranslatorTest.json;
import static dev.conduit.providers.openai.OpenAiRequestTranslatorTest.toolNames;
import static dev.conduit.providers.openai.OpenAiRequestTranslatorTest.translate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** Tools, deferred tools, server tools and tool_choice. */
class OpenAiRequestToolsTest {

    private static final String READ =
            "{\"name\":\"Read\",\"description\":\"Reads a file\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}}}}";

    private static ObjectNode withTools(String tools, String extra) {
        return translate("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}],"tools":[%s]%s}""".formatted(tools, extra));
    }

    @Test
    void clientToolsBecomeFunctions() {
        ObjectNode body = withTools(READ + ",{\"type\":\"custom\",\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}}", "");

        assertThat(body.get("tools")).isEqualTo(json("""
                [{"type":"function","function":{"name":"Read","description":"Reads a file",
                   "parameters":{"type":"object","properties":{"file_path":{"type":"string"}}}}},
                 {"type":"function","function":{"name":"Bash","parameters":{"type":"object"}}}]"""));
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void serverToolsAreLeftOut() {
        ObjectNode body = withTools(READ + ",{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}", "");

        assertThat(toolNames(body)).containsExactly("Read");
    }

    @Test
    void withOnlyServerToolsThereAreNoToolsAndNoToolChoice() {
        ObjectNode body = withTools("{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}", ",\"tool_choice\":{\"type\":\"any\"}");

        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("tool_choice")).isFalse();
    }

    @Test
    void deferredToolsAreLeftOutUntilAToolReferenceNamesThem() {
        String tools = READ
                + ",{\"name\":\"WebFetch\",\"input_schema\":{\"type\":\"object\"},\"defer_loading\":true}"
                + ",{\"name\":\"DeferredToolPlaceholder\",\"input_schema\":{\"type\":\"object\"},\"defer_loading\":true}";

        ObjectNode before = withTools(tools, "");
        ObjectNode after = translate("""
                {"model":"m","max_tokens":1,"tools":[%s],"messages":[
                  {"role":"user","content":"find a fetch tool"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"ToolSearch","input":{"query":"select:WebFetch"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                     "content":[{"type":"tool_reference","tool_name":"WebFetch"}]}]}]}""".formatted(tools));
        ObjectNode referencedOutsideAResult = translate("""
                {"model":"m","max_tokens":1,"tools":[%s],"messages":[
                  {"role":"user","content":[{"type":"tool_reference","tool_name":"DeferredToolPlaceholder"}]}]}""".formatted(tools));

        assertThat(toolNames(before)).containsExactly("Read");
        assertThat(toolNames(after)).containsExactly("Read", "WebFetch");
        assertThat(toolNames(referencedOutsideAResult)).containsExactly("Read", "DeferredToolPlaceholder");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"auto"}                                    | "auto"                                          | true
            {"type":"any"}                                     | "required"                                      | true
            {"type":"tool","name":"Read"}                      | {"type":"function","function":{"name":"Read"}}  | true
            {"type":"none"}                                    | "none"                                          | true
            {"type":"auto","disable_parallel_tool_use":true}   | "auto"                                          | false
            {"type":"any","disable_parallel_tool_use":true}    | "required"                                      | false
            {"type":"tool","name":"Read","disable_parallel_tool_use":true} | {"type":"function","function":{"name":"Read"}} | false
            {"type":"auto","disable_parallel_tool_use":false}  | "auto"                                          | true
            """)
    void toolChoiceMapsToItsOpenAiForm(String anthropic, String openAi, boolean parallelAllowed) {
        ObjectNode body = withTools(READ, ",\"tool_choice\":" + anthropic);

        assertThat(body.get("tool_choice")).isEqualTo(json(openAi));
        if (parallelAllowed) {
            assertThat(body.has("parallel_tool_calls")).isFalse();
        } else {
            assertThat(body.get("parallel_tool_calls")).isEqualTo(json("false"));
        }
    }
}
