package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejected body names the offending field by its JSON path. Bodies use ' for ". */
class AnthropicRequestReaderErrorsTest {

    private static final String HEAD = "'model':'m','max_tokens':16,";
    private static final String HI = "'messages':[{'role':'user','content':'hi'}]";

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                arguments("[]", "request body must be a JSON object, got an array"),
                arguments("'text'", "request body must be a JSON object, got a string"),
                arguments("null", "request body must be a JSON object, got null"),
                arguments("{'max_tokens':16," + HI + "}", "model: field required"),
                arguments("{'model':null,'max_tokens':16," + HI + "}", "model: field required"),
                arguments("{'model':'','max_tokens':16," + HI + "}", "model: must not be empty"),
                arguments("{'model':'  ','max_tokens':16," + HI + "}", "model: must not be empty"),
                arguments("{'model':5,'max_tokens':16," + HI + "}", "model: expected a string, got a number"),
                arguments("{'model':'m'," + HI + "}", "max_tokens: field required"),
                arguments("{'model':'m','max_tokens':0," + HI + "}", "max_tokens: must be at least 1, got 0"),
                arguments("{'model':'m','max_tokens':-5," + HI + "}", "max_tokens: must be at least 1, got -5"),
                arguments("{'model':'m','max_tokens':1.5," + HI + "}", "max_tokens: expected an integer, got a number"),
                arguments("{'model':'m','max_tokens':'16'," + HI + "}", "max_tokens: expected an integer, got a string"),
                arguments("{'model':'m','max_tokens':99999999999," + HI + "}", "max_tokens: expected an integer, got a number"),
                arguments("{" + HEAD + "'system':'s'}", "messages: field required"),
                arguments("{" + HEAD + "'messages':'hi'}", "messages: expected an array, got a string"),
                arguments("{" + HEAD + "'messages':{}}", "messages: expected an array, got an object"),
                arguments("{" + HEAD + "'messages':[1]}", "messages[0]: expected an object, got a number"),
                arguments("{" + HEAD + "'messages':[{'content':'hi'}]}", "messages[0].role: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'tool','content':'b'}]}",
                        "messages[1].role: must be \"user\", \"assistant\" or \"system\", got \"tool\""),
                arguments("{" + HEAD + "'messages':[{'role':'" + "r".repeat(50) + "','content':'a'}]}",
                        "messages[0].role: must be \"user\", \"assistant\" or \"system\", got \"" + "r".repeat(40) + "…\""),
                arguments("{" + HEAD + "'messages':[{'role':'user'}]}", "messages[0].content: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':7}]}",
                        "messages[0].content: expected an array, got a number"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':'a'},{'role':'assistant','content':[{'text':'x'}]}]}",
                        "messages[1].content[0].type: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':['x']}]}",
                        "messages[0].content[0]: expected an object, got a string"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'text'}]}]}",
                        "messages[0].content[0].text: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'text','text':'a'},{'type':'image'}]}]}",
                        "messages[0].content[1].source: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'image','source':{'type':'path','path':'/x'}}]}]}",
                        "messages[0].content[0].source.type: must be \"base64\", \"url\" or \"file\", got \"path\""),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'image','source':{'type':'base64','data':'AA'}}]}]}",
                        "messages[0].content[0].source.media_type: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'assistant','content':[{'type':'tool_use','id':'t','name':'n','input':[]}]}]}",
                        "messages[0].content[0].input: expected an object, got an array"),
                arguments("{" + HEAD + "'messages':[{'role':'assistant','content':[{'type':'tool_use','name':'n','input':{}}]}]}",
                        "messages[0].content[0].id: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'tool_result','content':'x'}]}]}",
                        "messages[0].content[0].tool_use_id: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':[{'text':'x'}]}]}]}",
                        "messages[0].content[0].content[0].type: field required"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','is_error':'yes'}]}]}",
                        "messages[0].content[0].is_error: expected true or false, got a string"),
                arguments("{" + HEAD + "'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':[{'type':'tool_reference'}]}]}]}",
                        "messages[0].content[0].content[0].tool_name: field required"),
                arguments("{" + HEAD + HI + ",'system':3}", "system: expected an array, got a number"),
                arguments("{" + HEAD + HI + ",'system':[{'type':'text','text':'a'},{'type':'image'}]}",
                        "system[1].type: system blocks must be text, got \"image\""),
                arguments("{" + HEAD + HI + ",'system':[{'type':'text'}]}", "system[0].text: field required"),
                arguments("{" + HEAD + HI + ",'tools':{}}", "tools: expected an array, got an object"),
                arguments("{" + HEAD + HI + ",'tools':[{'name':'Read'}]}", "tools[0].input_schema: field required"),
                arguments("{" + HEAD + HI + ",'tools':[{'name':'A','input_schema':{}},{'type':'custom','name':'B'}]}",
                        "tools[1].input_schema: field required"),
                arguments("{" + HEAD + HI + ",'tools':[{'name':'Read','input_schema':'{}'}]}",
                        "tools[0].input_schema: expected an object, got a string"),
                arguments("{" + HEAD + HI + ",'tools':[{'input_schema':{}}]}", "tools[0].name: field required"),
                arguments("{" + HEAD + HI + ",'tools':[{'name':'Read','input_schema':{},'defer_loading':'yes'}]}",
                        "tools[0].defer_loading: expected true or false, got a string"),
                arguments("{" + HEAD + HI + ",'tool_choice':'auto'}", "tool_choice: expected an object, got a string"),
                arguments("{" + HEAD + HI + ",'tool_choice':{'type':'required'}}",
                        "tool_choice.type: must be \"auto\", \"any\", \"tool\" or \"none\", got \"required\""),
                arguments("{" + HEAD + HI + ",'tool_choice':{'type':'tool'}}", "tool_choice.name: field required"),
                arguments("{" + HEAD + HI + ",'tool_choice':{'type':'auto','disable_parallel_tool_use':1}}",
                        "tool_choice.disable_parallel_tool_use: expected true or false, got a number"),
                arguments("{" + HEAD + HI + ",'stop_sequences':['END',5]}", "stop_sequences[1]: expected a string, got a number"),
                arguments("{" + HEAD + HI + ",'stop_sequences':'END'}", "stop_sequences: expected an array, got a string"),
                arguments("{" + HEAD + HI + ",'thinking':{'type':'enabled'}}", "thinking.budget_tokens: field required"),
                arguments("{" + HEAD + HI + ",'thinking':{'type':'enabled','budget_tokens':'lots'}}",
                        "thinking.budget_tokens: expected an integer, got a string"),
                arguments("{" + HEAD + HI + ",'thinking':{'type':'on'}}",
                        "thinking.type: must be \"enabled\", \"adaptive\" or \"disabled\", got \"on\""),
                arguments("{" + HEAD + HI + ",'thinking':true}", "thinking: expected an object, got a boolean"),
                arguments("{" + HEAD + HI + ",'temperature':'hot'}", "temperature: expected a number, got a string"),
                arguments("{" + HEAD + HI + ",'top_k':0.5}", "top_k: expected an integer, got a number"),
                arguments("{" + HEAD + HI + ",'stream':'yes'}", "stream: expected true or false, got a string"),
                arguments("{" + HEAD + HI + ",'metadata':'u'}", "metadata: expected an object, got a string"),
                arguments("{" + HEAD + HI + ",'metadata':{'user_id':42}}", "metadata.user_id: expected a string, got a number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBodies")
    void rejectsWithThePathOfTheOffendingField(String body, String message) {
        var root = Json.MAPPER.readTree(body.replace('\'', '"'));

        assertThatThrownBy(() -> AnthropicRequestReader.read(root))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBodies")
    void countingRejectsTheSameBodiesUnlessOnlyMaxTokensIsMissing(String body, String message) {
        var root = Json.MAPPER.readTree(body.replace('\'', '"'));
        if (message.equals("max_tokens: field required")) {
            AnthropicRequestReader.readForCounting(root);
            return;
        }

        assertThatThrownBy(() -> AnthropicRequestReader.readForCounting(root))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }
}
