package dev.conduit.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.ImageSource;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.ResponseFormat;
import dev.conduit.protocol.anthropic.Role;
import dev.conduit.protocol.anthropic.Thinking;
import dev.conduit.protocol.anthropic.Tool;
import dev.conduit.protocol.anthropic.ToolChoice;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** One rule per row: a body and what one field of the request must be. Bodies use ' for ". */
class OpenAiRequestReaderTest {

    private static final String HEAD = "'model':'m',";
    private static final String HI = "'messages':[{'role':'user','content':'hi'}]";
    private static final String TOOLS = "'tools':[{'type':'function','function':{'name':'Read','parameters':{'type':'object'}}}]";

    static MessagesRequest read(String body) {
        return OpenAiRequestReader.read(Json.MAPPER.readTree(body.replace('\'', '"')));
    }

    static JsonNode json(String json) {
        return Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    private static Message user(ContentBlock... blocks) {
        return new Message(Role.USER, List.of(blocks));
    }

    private static Message assistant(ContentBlock... blocks) {
        return new Message(Role.ASSISTANT, List.of(blocks));
    }

    private static ContentBlock.Text text(String text) {
        return new ContentBlock.Text(text);
    }

    private static ContentBlock.ToolResult result(String id, ContentBlock... content) {
        return new ContentBlock.ToolResult(id, List.of(content), false);
    }

    private static ContentBlock.ToolUse use(String id, String name, String input) {
        return new ContentBlock.ToolUse(id, name, json(input));
    }

    private static Arguments rule(String name, String body, Function<MessagesRequest, Object> field, Object expected) {
        return arguments(name, body, field, expected);
    }

    @Test
    void readsTheSmallestRequestWithItsDefaults() {
        assertThat(read("{" + HEAD + HI + "}")).isEqualTo(new MessagesRequest("m", 8192, List.of(),
                List.of(user(text("hi"))), List.of(), null, List.of(), null, null, null, false, null, null));
    }

    @Test
    void ignoresFieldsWithoutAMessagesApiEquivalent() {
        String ignored = ",'response_format':{'type':'text'},'stream_options':{'include_usage':true},'seed':7,"
                + "'logprobs':true,'top_logprobs':2,'logit_bias':{'50256':-100},'frequency_penalty':0.5,'presence_penalty':0.5,"
                + "'store':true,'metadata':{'k':'v'},'service_tier':'auto','modalities':['text'],'prediction':{},"
                + "'verbosity':'low','prompt_cache_key':'k','safety_identifier':'s','n':1";

        assertThat(read("{" + HEAD + HI + ignored + "}")).isEqualTo(read("{" + HEAD + HI + "}"));
    }

    @Test
    void responseFormatBecomesTheHubsResponseFormat() {
        assertThat(read("{" + HEAD + HI + ",'response_format':{'type':'json_object'}}").responseFormat())
                .isEqualTo(new ResponseFormat.JsonObject());
        MessagesRequest schema = read("{" + HEAD + HI + ",'response_format':{'type':'json_schema','json_schema':"
                + "{'name':'title','strict':true,'schema':{'type':'object','properties':{'t':{'type':'string'}}}}}}");
        assertThat(schema.responseFormat()).isEqualTo(new ResponseFormat.JsonSchema("title",
                json("{\"type\":\"object\",\"properties\":{\"t\":{\"type\":\"string\"}}}"), true));
    }

    @Test
    void aResponseFormatOfUnknownTypeOrWithoutANameIsRefused() {
        assertThatThrownBy(() -> read("{" + HEAD + HI + ",'response_format':{'type':'yaml'}}"))
                .hasMessageContaining("response_format.type").hasMessageContaining("yaml");
        assertThatThrownBy(() -> read("{" + HEAD + HI + ",'response_format':{'type':'json_schema','json_schema':{'schema':{}}}}"))
                .hasMessageContaining("response_format.json_schema.name");
    }

    static Stream<Arguments> rules() {
        Function<MessagesRequest, Object> system = MessagesRequest::system;
        Function<MessagesRequest, Object> messages = MessagesRequest::messages;
        Function<MessagesRequest, Object> tools = MessagesRequest::tools;
        Function<MessagesRequest, Object> choice = MessagesRequest::toolChoice;
        Function<MessagesRequest, Object> limits = r -> Arrays.asList(r.maxTokens(), r.thinking());
        return Stream.of(
                rule("system and developer messages become system blocks in order",
                        "{" + HEAD + "'messages':[{'role':'system','content':'a'},{'role':'developer','content':[{'type':'text','text':'b'},"
                                + "{'type':'text','text':'c'}]},{'role':'user','content':'hi'},{'role':'system','content':'d'}]}",
                        system, List.of(text("a"), text("b"), text("c"), text("d"))),
                rule("a system message between two user messages leaves one user turn",
                        "{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'system','content':'s'},{'role':'user','content':'b'}]}",
                        messages, List.of(user(text("a"), text("b")))),
                rule("empty system text is dropped",
                        "{" + HEAD + "'messages':[{'role':'system','content':''},{'role':'user','content':'hi'}]}", system, List.of()),
                rule("user text parts and images",
                        "{" + HEAD + "'messages':[{'role':'user','content':[{'type':'text','text':'see'},"
                                + "{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBOR','detail':'high'}},"
                                + "{'type':'image_url','image_url':{'url':'https://x.test/a.jpg'}},"
                                + "{'type':'image_url','image_url':{'url':'HTTP://x.test/b.gif','detail':'low'}},"
                                + "{'type':'image_url','image_url':{'url':'data:image/jpeg;name=a.jpg;base64,/9j/'}}]}]}",
                        messages, List.of(user(text("see"),
                                new ContentBlock.Image(new ImageSource.Base64("image/png", "iVBOR")),
                                new ContentBlock.Image(new ImageSource.Url("https://x.test/a.jpg")),
                                new ContentBlock.Image(new ImageSource.Url("HTTP://x.test/b.gif")),
                                new ContentBlock.Image(new ImageSource.Base64("image/jpeg", "/9j/"))))),
                rule("assistant text then tool calls; arguments parse to objects, \"\" to {}",
                        "{" + HEAD + "'messages':[{'role':'user','content':'hi'},{'role':'assistant','content':'Reading.','tool_calls':["
                                + "{'id':'call_1','type':'function','function':{'name':'Read','arguments':'{\\'path\\':\\'/a\\'}'}},"
                                + "{'id':'call_2','type':'function','function':{'name':'Now','arguments':''}}]}]}",
                        messages, List.of(user(text("hi")), assistant(text("Reading."),
                                use("call_1", "Read", "{'path':'/a'}"), use("call_2", "Now", "{}")))),
                rule("assistant content null or \"\" beside tool calls adds no text; object arguments are taken as they are",
                        "{" + HEAD + "'messages':[{'role':'assistant','content':null,'tool_calls':[{'id':'c1','function':{'name':'A','arguments':{'x':1}}}]},"
                                + "{'role':'assistant','content':'','tool_calls':[{'id':'c2','function':{'name':'B','arguments':' '}}]}]}",
                        messages, List.of(assistant(use("c1", "A", "{'x':1}"), use("c2", "B", "{}")))),
                rule("assistant text and refusal parts and the refusal field are kept as text",
                        "{" + HEAD + "'messages':[{'role':'assistant','content':[{'type':'text','text':'a'},{'type':'refusal','refusal':'no'}],"
                                + "'refusal':'never'}]}",
                        messages, List.of(assistant(text("a"), text("no"), text("never")))),
                rule("a row of tool messages and the next user message make one user turn",
                        "{" + HEAD + "'messages':[{'role':'user','content':'go'},{'role':'assistant','tool_calls':["
                                + "{'id':'c1','type':'function','function':{'name':'A','arguments':'{}'}},"
                                + "{'id':'c2','type':'function','function':{'name':'B','arguments':'{}'}}]},"
                                + "{'role':'tool','tool_call_id':'c1','content':'one'},"
                                + "{'role':'tool','tool_call_id':'c2','content':[{'type':'text','text':'tw'},{'type':'text','text':'o'}]},"
                                + "{'role':'user','content':'thanks'},{'role':'assistant','content':'done'}]}",
                        messages, List.of(user(text("go")), assistant(use("c1", "A", "{}"), use("c2", "B", "{}")),
                                user(result("c1", text("one")), result("c2", text("tw"), text("o")), text("thanks")),
                                assistant(text("done")))),
                rule("empty tool output is a result without content",
                        "{" + HEAD + "'messages':[{'role':'tool','tool_call_id':'c1','content':''}]}",
                        messages, List.of(user(result("c1")))),
                rule("adjacent messages of one role are merged; empty ones add no turn",
                        "{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'user','content':[{'type':'text','text':'b'}]},"
                                + "{'role':'assistant','content':''},{'role':'user','content':''},"
                                + "{'role':'assistant','content':'c'},{'role':'assistant','content':'d'}]}",
                        messages, List.of(user(text("a"), text("b")), assistant(text("c"), text("d")))),
                rule("tools become client tools; no parameters is an empty object schema",
                        "{" + HEAD + HI + ",'tools':[{'type':'function','function':{'name':'Read','description':'Reads',"
                                + "'parameters':{'type':'object','properties':{'p':{'type':'string'}}},'strict':true}},"
                                + "{'function':{'name':'Now'}}]}",
                        tools, List.of(
                                new Tool("Read", "Reads", json("{'type':'object','properties':{'p':{'type':'string'}}}"), null, false),
                                new Tool("Now", null, json("{'type':'object','properties':{}}"), null, false))),
                rule("tool_choice auto", "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':'auto'}", choice, new ToolChoice.Auto(false)),
                rule("tool_choice none", "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':'none'}", choice, new ToolChoice.None()),
                rule("tool_choice required", "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':'required'}", choice, new ToolChoice.Any(false)),
                rule("tool_choice function", "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':{'type':'function','function':{'name':'Read'}}}",
                        choice, new ToolChoice.Named("Read", false)),
                rule("no tool_choice", "{" + HEAD + HI + "," + TOOLS + "}", choice, null),
                rule("parallel_tool_calls false without a choice is auto, one call",
                        "{" + HEAD + HI + "," + TOOLS + ",'parallel_tool_calls':false}", choice, new ToolChoice.Auto(true)),
                rule("parallel_tool_calls false with required",
                        "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':'required','parallel_tool_calls':false}", choice, new ToolChoice.Any(true)),
                rule("parallel_tool_calls false with a function",
                        "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':{'type':'function','function':{'name':'Read'}},'parallel_tool_calls':false}",
                        choice, new ToolChoice.Named("Read", true)),
                rule("parallel_tool_calls false with none", "{" + HEAD + HI + "," + TOOLS + ",'tool_choice':'none','parallel_tool_calls':false}",
                        choice, new ToolChoice.None()),
                rule("parallel_tool_calls false without tools", "{" + HEAD + HI + ",'parallel_tool_calls':false}", choice, null),
                rule("parallel_tool_calls true", "{" + HEAD + HI + "," + TOOLS + ",'parallel_tool_calls':true}", choice, null),
                rule("stop string", "{" + HEAD + HI + ",'stop':'END'}", (Function<MessagesRequest, Object>) MessagesRequest::stopSequences, List.of("END")),
                rule("stop array", "{" + HEAD + HI + ",'stop':['a','b']}", (Function<MessagesRequest, Object>) MessagesRequest::stopSequences, List.of("a", "b")),
                rule("stop null", "{" + HEAD + HI + ",'stop':null}", (Function<MessagesRequest, Object>) MessagesRequest::stopSequences, List.of()),
                rule("max_completion_tokens wins over max_tokens", "{" + HEAD + HI + ",'max_tokens':10,'max_completion_tokens':20}", limits, Arrays.asList(20, null)),
                rule("max_tokens", "{" + HEAD + HI + ",'max_tokens':10}", limits, Arrays.asList(10, null)),
                rule("a null max_completion_tokens leaves max_tokens", "{" + HEAD + HI + ",'max_completion_tokens':null,'max_tokens':10}", limits, Arrays.asList(10, null)),
                rule("reasoning_effort none", "{" + HEAD + HI + ",'reasoning_effort':'none'}", limits, List.of(8192, new Thinking.Disabled())),
                rule("reasoning_effort minimal", "{" + HEAD + HI + ",'reasoning_effort':'minimal'}", limits, List.of(9216, new Thinking.Enabled(1024))),
                rule("reasoning_effort low", "{" + HEAD + HI + ",'reasoning_effort':'low'}", limits, List.of(10240, new Thinking.Enabled(2048))),
                rule("reasoning_effort medium", "{" + HEAD + HI + ",'reasoning_effort':'medium'}", limits, List.of(16384, new Thinking.Enabled(8192))),
                rule("reasoning_effort high stays within 32000", "{" + HEAD + HI + ",'reasoning_effort':'high'}", limits, List.of(32000, new Thinking.Enabled(24576))),
                rule("a budget is cut below the client's limit", "{" + HEAD + HI + ",'reasoning_effort':'high','max_completion_tokens':4000}",
                        limits, List.of(4000, new Thinking.Enabled(3999))),
                rule("a budget within the client's limit is kept", "{" + HEAD + HI + ",'reasoning_effort':'low','max_tokens':4000}",
                        limits, List.of(4000, new Thinking.Enabled(2048))),
                rule("no thinking when 1024 tokens do not fit", "{" + HEAD + HI + ",'reasoning_effort':'low','max_tokens':1024}",
                        limits, Arrays.asList(1024, null)),
                rule("sampling, user and stream", "{" + HEAD + HI + ",'temperature':0.2,'top_p':0.9,'user':'u-1','stream':true}",
                        r -> Arrays.asList(r.temperature(), r.topP(), r.userId(), r.stream(), r.topK()),
                        Arrays.asList(0.2, 0.9, "u-1", true, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void readsEachRule(String name, String body, Function<MessagesRequest, Object> field, Object expected) {
        assertThat(field.apply(read(body))).isEqualTo(expected);
    }

    static Stream<Arguments> streamOptions() {
        return Stream.of(
                arguments("", false),
                arguments(",'stream_options':null", false),
                arguments(",'stream_options':{}", false),
                arguments(",'stream_options':{'include_usage':false}", false),
                arguments(",'stream_options':{'include_usage':true}", true));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("streamOptions")
    void includeUsageReadsStreamOptions(String options, boolean expected) {
        assertThat(OpenAiRequestReader.includeUsage(json("{" + HEAD + HI + options + "}"))).isEqualTo(expected);
    }
}
