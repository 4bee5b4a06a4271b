package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static dev.conduit.providers.gemini.GeminiTestSupport.request;
import static dev.conduit.providers.gemini.GeminiTestSupport.translate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GeminiToolsTest {

    private static final String READ = """
            {"name":"Read","description":"Reads a file","input_schema":{"$schema":"http://json-schema.org/draft-07/schema#",
              "type":"object","additionalProperties":false,"required":["file_path"],
              "properties":{"file_path":{"type":"string","description":"Absolute path"},
                            "limit":{"type":"integer","exclusiveMinimum":0}}}}""";

    private static ObjectNode withTools(String tools, String extra) {
        return translate(request("{\"model\":\"claude\",\"max_tokens\":100,\"tools\":" + tools + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
    }

    @Test
    void clientToolsBecomeOneFunctionDeclarationsToolWithCleanSchemas() {
        var body = withTools("[" + READ + ",{\"name\":\"Now\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]", "");

        assertThat(body.get("tools")).isEqualTo(json("""
                [{"functionDeclarations":[
                  {"name":"Read","description":"Reads a file",
                   "parameters":{"type":"object","properties":{"file_path":{"type":"string","description":"Absolute path"},
                                                               "limit":{"type":"integer"}},
                                 "required":["file_path"]}},
                  {"name":"Now"}]}]"""));
        assertThat(body.has("toolConfig")).as("no tool_choice, Gemini's default").isFalse();
    }

    @Test
    void webSearchBecomesGoogleSearchAndOtherServerToolsAreLeftOut() {
        var body = withTools("""
                [{"type":"web_search_20250305","name":"web_search","max_uses":5},
                 {"type":"bash_20250124","name":"bash"}]""", "");

        assertThat(body.get("tools")).isEqualTo(json("[{\"googleSearch\":{}}]"));
    }

    @Test
    void deferredToolsAreSentOnceToolSearchLoadedThem() {
        String tools = "[" + READ + ",{\"name\":\"WebFetch\",\"defer_loading\":true,\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"url\":{\"type\":\"string\"}}}},{\"name\":\"Cron\",\"defer_loading\":true,"
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"at\":{\"type\":\"string\"}}}}]";
        var body = translate(request("{\"model\":\"claude\",\"max_tokens\":100,\"tools\":" + tools + """
                ,"messages":[{"role":"user","content":"find a fetch tool"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"ToolSearch","input":{"query":"fetch"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                    "content":[{"type":"tool_reference","tool_name":"WebFetch"}]}]}]}"""));

        assertThat(body.at("/tools/0/functionDeclarations").findValuesAsString("name")).containsExactly("Read", "WebFetch");
    }

    @Test
    void toolChoiceBecomesTheFunctionCallingMode() {
        assertThat(withTools("[" + READ + "]", ",\"tool_choice\":{\"type\":\"auto\"}").get("toolConfig"))
                .isEqualTo(json("{\"functionCallingConfig\":{\"mode\":\"AUTO\"}}"));
        assertThat(withTools("[" + READ + "]", ",\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}")
                .get("toolConfig")).isEqualTo(json("{\"functionCallingConfig\":{\"mode\":\"ANY\"}}"));
        assertThat(withTools("[" + READ + "]", ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"Read\"}").get("toolConfig"))
                .isEqualTo(json("{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"Read\"]}}"));
        assertThat(withTools("[" + READ + "]", ",\"tool_choice\":{\"type\":\"none\"}").get("toolConfig"))
                .isEqualTo(json("{\"functionCallingConfig\":{\"mode\":\"NONE\"}}"));
    }

    @Test
    void toolChoiceWithoutFunctionsIsLeftOut() {
        var body = withTools("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]", ",\"tool_choice\":{\"type\":\"any\"}");

        assertThat(body.has("toolConfig")).isFalse();
    }
}
