package dev.conduit.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a tool message says for each form of tool_result ("\n" in the table is a line break). */
class ToolResultContentTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "content":"file text"                                                                  | file text
            "content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]                      | a\\nb
            "content":"boom","is_error":true                                                       | Error: boom
            "content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"is_error":true      | Error: a\\nb
            "content":[{"type":"tool_reference","tool_name":"WebFetch"}]                           | Tool WebFetch loaded.
            "content":[{"type":"tool_reference","tool_name":"A"},{"type":"tool_reference","tool_name":"B"}] | Tool A loaded.\\nTool B loaded.
            "is_error":false                                                                       | ``
            """)
    void toolMessageContent(String fields, String content) {
        var messages = OpenAiRequestTranslatorTest.translate("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1",%s}]}]}""".formatted(fields)).get("messages");

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("role").stringValue()).isEqualTo("tool");
        assertThat(messages.get(0).get("tool_call_id").stringValue()).isEqualTo("toolu_1");
        assertThat(messages.get(0).get("content").stringValue()).isEqualTo(content.replace("\\n", "\n"));
    }
}
