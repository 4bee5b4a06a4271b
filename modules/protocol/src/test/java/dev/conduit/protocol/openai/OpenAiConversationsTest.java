package dev.conduit.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.ImageSource;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Role;
import dev.conduit.protocol.anthropic.Tool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Hand-written requests as OpenAI clients send them. What each says is worked out from the OpenAI
 * JSON independently of the reader, as a flat list of items, and compared with what the read
 * request says; the read request must also have alternating turns with tool results first.
 */
class OpenAiConversationsTest {

    static Stream<String> requests() {
        return Stream.of(
                """
                {"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"tool_choice":"auto",
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather of a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                   {"type":"function","function":{"name":"get_time"}}],
                 "messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":"Weather and time in Paris and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}},
                    {"id":"call_3","type":"function","function":{"name":"get_time","arguments":""}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"},
                  {"role":"tool","tool_call_id":"call_2","content":"24C"},
                  {"role":"tool","tool_call_id":"call_3","content":"12:00"},
                  {"role":"assistant","content":"Paris 18C, Rome 24C, noon."},
                  {"role":"user","content":"Thanks!"}]}""",
                """
                {"model":"vision","max_tokens":300,"temperature":0.3,"stop":["</answer>","\\n\\n"],"user":"u-7",
                 "messages":[
                  {"role":"developer","content":[{"type":"text","text":"Describe images."},{"type":"text","text":"Be exact."}]},
                  {"role":"user","content":[{"type":"text","text":"Compare:"},
                    {"type":"image_url","image_url":{"url":"data:image/webp;base64,UklGRg==","detail":"auto"}},
                    {"type":"image_url","image_url":{"url":"https://example.test/b.png"}}]}]}""",
                """
                {"model":"agent","max_completion_tokens":20000,"reasoning_effort":"medium","parallel_tool_calls":false,
                 "tools":[{"type":"function","function":{"name":"run","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}}}],
                 "messages":[
                  {"role":"system","content":"Agent."},
                  {"role":"user","content":"List files."},
                  {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"run","arguments":"{\\"cmd\\":\\"ls\\"}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"a.txt\\n"},{"type":"text","text":"b.txt"}]},
                  {"role":"system","content":"Reminder: be brief."},
                  {"role":"user","content":"And the hidden ones?"},
                  {"role":"assistant","tool_calls":[{"id":"c2","type":"function","function":{"name":"run","arguments":"{\\"cmd\\":\\"ls -a\\"}"}}]},
                  {"role":"tool","tool_call_id":"c2","content":""}]}""",
                """
                {"model":"chat","n":1,"seed":3,"response_format":{"type":"json_object"},
                 "messages":[
                  {"role":"user","content":"Part one."},
                  {"role":"user","content":[{"type":"text","text":"Part two."}]},
                  {"role":"assistant","content":[{"type":"text","text":"Noted"},{"type":"refusal","refusal":"but no."}]},
                  {"role":"assistant","content":"More."},
                  {"role":"user","content":"Why?"}]}""");
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theReadRequestSaysWhatTheOpenAiRequestSays(String body) {
        JsonNode root = Json.MAPPER.readTree(body);
        MessagesRequest request = OpenAiRequestReader.read(root);

        assertThat(request.model()).isEqualTo(root.get("model").stringValue());
        assertThat(request.system()).extracting(ContentBlock.Text::text).isEqualTo(expectedSystem(root));
        assertThat(items(request)).isEqualTo(expectedItems(root));
        assertThat(request.tools()).extracting(Tool::name)
                .isEqualTo(root.path("tools").valueStream().map(t -> t.path("function").get("name").stringValue()).toList());
        assertThat(request.stopSequences()).isEqualTo(strings(root.path("stop")));
        assertThat(request.temperature()).isEqualTo(root.has("temperature") ? root.get("temperature").doubleValue() : null);
        assertThat(request.userId()).isEqualTo(root.has("user") ? root.get("user").stringValue() : null);
        assertThat(request.stream()).isEqualTo(root.path("stream").asBoolean(false));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void turnsAlternateAndToolResultsAnswerThePrecedingCalls(String body) {
        List<Message> messages = OpenAiRequestReader.read(Json.MAPPER.readTree(body)).messages();

        Set<String> calledBefore = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            assertThat(message.content()).isNotEmpty();
            if (i > 0) {
                assertThat(message.role()).isNotEqualTo(messages.get(i - 1).role());
            }
            boolean leading = true;
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolResult result) {
                    assertThat(leading).as("tool results lead their turn").isTrue();
                    assertThat(calledBefore).contains(result.toolUseId());
                } else {
                    leading = false;
                }
                if (block instanceof ContentBlock.ToolUse use) {
                    calledBefore.add(use.id());
                }
            }
        }
    }

    private static List<String> expectedSystem(JsonNode root) {
        List<String> system = new ArrayList<>();
        for (JsonNode message : root.get("messages")) {
            String role = message.get("role").stringValue();
            if (role.equals("system") || role.equals("developer")) {
                system.addAll(texts(message.get("content")));
            }
        }
        return system;
    }

    /** The conversation as the OpenAI request states it: who said which text, image, call or result. */
    private static List<String> expectedItems(JsonNode root) {
        List<String> items = new ArrayList<>();
        for (JsonNode message : root.get("messages")) {
            JsonNode content = message.path("content");
            switch (message.get("role").stringValue()) {
                case "user" -> {
                    if (content.isString()) {
                        items.add("user text " + content.stringValue());
                    }
                    for (JsonNode part : content.isArray() ? content : Json.NODES.arrayNode()) {
                        items.add(part.get("type").stringValue().equals("text")
                                ? "user text " + part.get("text").stringValue()
                                : "user image " + part.path("image_url").get("url").stringValue());
                    }
                }
                case "assistant" -> {
                    texts(content).forEach(text -> items.add("assistant text " + text));
                    for (JsonNode call : message.path("tool_calls")) {
                        String arguments = call.path("function").get("arguments").stringValue();
                        items.add("assistant call " + call.get("id").stringValue() + " " + call.path("function").get("name").stringValue()
                                + " " + (arguments.isEmpty() ? Json.NODES.objectNode() : Json.MAPPER.readTree(arguments)));
                    }
                }
                case "tool" -> items.add("user result " + message.get("tool_call_id").stringValue() + " " + texts(content));
                default -> { }
            }
        }
        return items;
    }

    private static List<String> items(MessagesRequest request) {
        List<String> items = new ArrayList<>();
        for (Message message : request.messages()) {
            String who = message.role() == Role.USER ? "user " : "assistant ";
            for (ContentBlock block : message.content()) {
                items.add(who + switch (block) {
                    case ContentBlock.Text text -> "text " + text.text();
                    case ContentBlock.Image(ImageSource.Base64 source) -> "image data:" + source.mediaType() + ";base64," + source.data();
                    case ContentBlock.Image(ImageSource.Url source) -> "image " + source.url();
                    case ContentBlock.ToolUse use -> "call " + use.id() + " " + use.name() + " " + use.input();
                    case ContentBlock.ToolResult result -> "result " + result.toolUseId() + " "
                            + result.content().stream().map(c -> ((ContentBlock.Text) c).text()).toList();
                    default -> block.toString();
                });
            }
        }
        return items;
    }

    /** Non-empty texts of a string or of text and refusal parts. */
    private static List<String> texts(JsonNode content) {
        if (content.isString()) {
            return content.stringValue().isEmpty() ? List.of() : List.of(content.stringValue());
        }
        return content.valueStream()
                .map(part -> part.has("text") ? part.get("text").stringValue() : part.get("refusal").stringValue())
                .filter(text -> !text.isEmpty())
                .toList();
    }

    private static List<String> strings(JsonNode node) {
        return node.valueStream().map(JsonNode::stringValue).toList();
    }
}
