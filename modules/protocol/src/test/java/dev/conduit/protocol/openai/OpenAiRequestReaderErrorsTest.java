package dev.conduit.protocol.openai;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejected body names the offending field by its JSON path. Bodies use ' for ". */
class OpenAiRequestReaderErrorsTest {

    private static final String HEAD = "'model':'m',";
    private static final String HI = "'messages':[{'role':'user','content':'hi'}]";

    private static String user(String content) {
        return "{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'user','content':" + content + "}]}";
    }

    private static String assistant(String fields) {
        return "{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'assistant'," + fields + "}]}";
    }

    private static String call(String function) {
        return assistant("'tool_calls':[{'id':'c0','function':{'name':'A','arguments':'{}'}},{'id':'c1','type':'function','function':"
                + function + "}]");
    }

    private static String image(String url) {
        return user("[{'type':'image_url','image_url':{'url':'" + url + "'}}]");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                arguments("[]", "request body must be a JSON object, got an array"),
                arguments("null", "request body must be a JSON object, got null"),
                arguments("{" + HI + "}", "model: field required"),
                arguments("{'model':' '," + HI + "}", "model: must not be empty"),
                arguments("{'model':4," + HI + "}", "model: expected a string, got a number"),
                arguments("{" + HEAD + "'stream':true}", "messages: field required"),
                arguments("{" + HEAD + "'messages':null}", "messages: field required"),
                arguments("{" + HEAD + "'messages':[]}", "messages: must not be empty"),
                arguments("{" + HEAD + "'messages':'hi'}", "messages: expected an array, got a string"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':'a'},3]}", "messages[1]: expected an object, got a number"),
                arguments("{" + HEAD + "'messages':[{'content':'a'}]}", "messages[0].role: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'bot','content':'a'}]}",
                        "messages[0].role: must be \"system\", \"developer\", \"user\", \"assistant\" or \"tool\", got \"bot\""),
                arguments("{" + HEAD + "'messages':[{'role':'" + "r".repeat(50) + "','content':'a'}]}",
                        "messages[0].role: must be \"system\", \"developer\", \"user\", \"assistant\" or \"tool\", got \""
                                + "r".repeat(40) + "…\""),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'function','name':'f','content':'x'}]}",
                        "messages[1].role: the legacy \"function\" role is not supported; send tool results as \"tool\" messages"),
                arguments("{" + HEAD + "'messages':[{'role':'system'},{'role':'user','content':'hi'}]}", "messages[0].content: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'developer','content':[{'type':'image_url','image_url':{'url':'https://x'}}]}]}",
                        "messages[0].content[0].type: must be \"text\", got \"image_url\""),
                arguments("{" + HEAD + "'messages':[{'role':'system','content':5}]}", "messages[0].content: expected an array, got a number"),
                arguments(user("null"), "messages[1].content: field required"),
                arguments(user("{}"), "messages[1].content: expected an array, got an object"),
                arguments(user("['a']"), "messages[1].content[0]: expected an object, got a string"),
                arguments(user("[{'text':'a'}]"), "messages[1].content[0].type: field required"),
                arguments(user("[{'type':'text'}]"), "messages[1].content[0].text: field required"),
                arguments(user("[{'type':'text','text':'a'},{'type':'input_audio','input_audio':{'data':'AA','format':'wav'}}]"),
                        "messages[1].content[1].type: \"input_audio\" parts are not supported"),
                arguments(user("[{'type':'file','file':{'file_id':'f'}}]"), "messages[1].content[0].type: \"file\" parts are not supported"),
                arguments(user("[{'type':'video'}]"), "messages[1].content[0].type: must be \"text\" or \"image_url\", got \"video\""),
                arguments(user("[{'type':'image_url'}]"), "messages[1].content[0].image_url: field required"),
                arguments(user("[{'type':'image_url','image_url':'https://x'}]"),
                        "messages[1].content[0].image_url: expected an object, got a string"),
                arguments(user("[{'type':'image_url','image_url':{'detail':'low'}}]"), "messages[1].content[0].image_url.url: field required"),
                arguments(image("ftp://x/a.png"), "messages[1].content[0].image_url.url: must be an http(s) URL or a data URL, got \"ftp://x/a.png\""),
                arguments(image("data:image/png,AAAA"),
                        "messages[1].content[0].image_url.url: a data URL must have the form data:<media type>;base64,<data>"),
                arguments(image("data:;base64,AAAA"),
                        "messages[1].content[0].image_url.url: a data URL must have the form data:<media type>;base64,<data>"),
                arguments(image("data:image/png;base64"),
                        "messages[1].content[0].image_url.url: a data URL must have the form data:<media type>;base64,<data>"),
                arguments(assistant("'content':7"), "messages[1].content: expected an array, got a number"),
                arguments(assistant("'content':[{'type':'image_url','image_url':{'url':'https://x'}}]"),
                        "messages[1].content[0].type: must be \"text\" or \"refusal\", got \"image_url\""),
                arguments(assistant("'content':[{'type':'refusal'}]"), "messages[1].content[0].refusal: field required"),
                arguments(assistant("'refusal':1"), "messages[1].refusal: expected a string, got a number"),
                arguments(assistant("'function_call':{'name':'f','arguments':'{}'}"),
                        "messages[1].function_call: legacy function calls are not supported; use tool_calls"),
                arguments(assistant("'tool_calls':{}"), "messages[1].tool_calls: expected an array, got an object"),
                arguments(assistant("'tool_calls':[1]"), "messages[1].tool_calls[0]: expected an object, got a number"),
                arguments(assistant("'tool_calls':[{'type':'custom','id':'c','custom':{'name':'A','input':'x'}}]"),
                        "messages[1].tool_calls[0].type: must be \"function\", got \"custom\""),
                arguments(assistant("'tool_calls':[{'function':{'name':'A','arguments':'{}'}}]"), "messages[1].tool_calls[0].id: field required"),
                arguments(assistant("'tool_calls':[{'id':'c'}]"), "messages[1].tool_calls[0].function: field required"),
                arguments(call("{'arguments':'{}'}"), "messages[1].tool_calls[1].function.name: field required"),
                arguments(call("{'name':'B'}"), "messages[1].tool_calls[1].function.arguments: field required"),
                arguments(call("{'name':'B','arguments':'{\\'a\\':'}"), "messages[1].tool_calls[1].function.arguments: not valid JSON"),
                arguments(call("{'name':'B','arguments':'{} {}'}"), "messages[1].tool_calls[1].function.arguments: not valid JSON"),
                arguments(call("{'name':'B','arguments':'[1]'}"),
                        "messages[1].tool_calls[1].function.arguments: must be a JSON object, got an array"),
                arguments(call("{'name':'B','arguments':'null'}"),
                        "messages[1].tool_calls[1].function.arguments: must be a JSON object, got null"),
                arguments(call("{'name':'B','arguments':[]}"), "messages[1].tool_calls[1].function.arguments: expected a string, got an array"),
                arguments("{" + HEAD + "'messages':[{'role':'tool','content':'x'}]}", "messages[0].tool_call_id: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'tool','tool_call_id':'c'}]}", "messages[0].content: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'tool','tool_call_id':'c','content':[{'type':'image_url'}]}]}",
                        "messages[0].content[0].type: must be \"text\", got \"image_url\""),
                arguments("{" + HEAD + HI + ",'n':2}", "n: n > 1 is not supported, got 2"),
                arguments("{" + HEAD + HI + ",'n':0}", "n: must be at least 1, got 0"),
                arguments("{" + HEAD + HI + ",'max_completion_tokens':0}", "max_completion_tokens: must be at least 1, got 0"),
                arguments("{" + HEAD + HI + ",'max_tokens':-1}", "max_tokens: must be at least 1, got -1"),
                arguments("{" + HEAD + HI + ",'max_tokens':'9'}", "max_tokens: expected an integer, got a string"),
                arguments("{" + HEAD + HI + ",'max_tokens':8,'max_completion_tokens':1.5}", "max_completion_tokens: expected an integer, got a number"),
                arguments("{" + HEAD + HI + ",'reasoning_effort':'max'}",
                        "reasoning_effort: must be \"none\", \"minimal\", \"low\", \"medium\" or \"high\", got \"max\""),
                arguments("{" + HEAD + HI + ",'reasoning_effort':3}", "reasoning_effort: expected a string, got a number"),
                arguments("{" + HEAD + HI + ",'tools':{}}", "tools: expected an array, got an object"),
                arguments("{" + HEAD + HI + ",'tools':[{'type':'custom','custom':{'name':'A'}}]}", "tools[0].type: must be \"function\", got \"custom\""),
                arguments("{" + HEAD + HI + ",'tools':[{'type':'function'}]}", "tools[0].function: field required"),
                arguments("{" + HEAD + HI + ",'tools':[{'type':'function','function':{'parameters':{}}}]}", "tools[0].function.name: field required"),
                arguments("{" + HEAD + HI + ",'tools':[{'type':'function','function':{'name':'A','parameters':'{}'}}]}",
                        "tools[0].function.parameters: expected an object, got a string"),
                arguments("{" + HEAD + HI + ",'tool_choice':'any'}", "tool_choice: must be \"auto\", \"none\", \"required\" or an object, got \"any\""),
                arguments("{" + HEAD + HI + ",'tool_choice':true}", "tool_choice: expected a string or an object, got a boolean"),
                arguments("{" + HEAD + HI + ",'tool_choice':{'type':'allowed_tools'}}", "tool_choice.type: must be \"function\", got \"allowed_tools\""),
                arguments("{" + HEAD + HI + ",'tool_choice':{'type':'function'}}", "tool_choice.function: field required"),
                arguments("{" + HEAD + HI + ",'tool_choice':{'type':'function','function':{}}}", "tool_choice.function.name: field required"),
                arguments("{" + HEAD + HI + ",'parallel_tool_calls':'no'}", "parallel_tool_calls: expected true or false, got a string"),
                arguments("{" + HEAD + HI + ",'stop':5}", "stop: expected a string or an array, got a number"),
                arguments("{" + HEAD + HI + ",'stop':['a',5]}", "stop[1]: expected a string, got a number"),
                arguments("{" + HEAD + HI + ",'temperature':'hot'}", "temperature: expected a number, got a string"),
                arguments("{" + HEAD + HI + ",'top_p':[]}", "top_p: expected a number, got an array"),
                arguments("{" + HEAD + HI + ",'user':1}", "user: expected a string, got a number"),
                arguments("{" + HEAD + HI + ",'stream':'yes'}", "stream: expected true or false, got a string"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBodies")
    void rejectsWithThePathOfTheOffendingField(String body, String message) {
        var root = Json.MAPPER.readTree(body.replace('\'', '"'));

        assertThatThrownBy(() -> OpenAiRequestReader.read(root))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> invalidStreamOptions() {
        return Stream.of(
                arguments("{'stream_options':true}", "stream_options: expected an object, got a boolean"),
                arguments("{'stream_options':{'include_usage':'yes'}}", "stream_options.include_usage: expected true or false, got a string"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidStreamOptions")
    void rejectsInvalidStreamOptions(String body, String message) {
        var root = Json.MAPPER.readTree(body.replace('\'', '"'));

        assertThatThrownBy(() -> OpenAiRequestReader.includeUsage(root))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }
}
