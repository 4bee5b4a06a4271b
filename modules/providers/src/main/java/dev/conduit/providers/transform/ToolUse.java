package dev.conduit.providers.transform;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tooluse}, claude-code-router's tool mode for models that answer in text when they should
 * call a tool: with tools offered, {@code tool_choice} becomes {@code required}, an {@code
 * ExitTool} is added as the one way to answer without a tool, and a system reminder says so. A
 * call of {@code ExitTool} comes back to the client as the text of its {@code response}.
 */
public record ToolUse() implements Transformer {

    static final String EXIT_TOOL = "ExitTool";

    private static final String REMINDER = """
            <system-reminder>Tool mode is active. The user expects you to proactively execute the most suitable \
            tool to help complete the task.
            Before invoking a tool, you must carefully evaluate whether it matches the current task. If no \
            available tool is appropriate for the task, you MUST call the `ExitTool` to exit tool mode — this is \
            the only valid way to terminate tool mode.
            Always prioritize completing the user's task effectively and efficiently by using tools whenever \
            appropriate.</system-reminder>""";

    private static final String EXIT_DESCRIPTION = """
            Use this tool when you are in tool mode and have completed the task. This is the only valid way to \
            exit tool mode.
            IMPORTANT: Before using this tool, ensure that none of the available tools are applicable to the \
            current task. You must evaluate all available options — only if no suitable tool can help you \
            complete the task should you use ExitTool to terminate tool mode.""";

    @Override
    public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
        if (!(body.get("tools") instanceof ArrayNode tools) || tools.isEmpty()) {
            return;
        }
        body.put("tool_choice", "required");
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", EXIT_TOOL).put("description", EXIT_DESCRIPTION);
        ObjectNode parameters = function.putObject("parameters").put("type", "object");
        parameters.putObject("properties").putObject("response").put("type", "string").put("description",
                "Your response will be forwarded to the user exactly as returned — the tool will not modify or"
                        + " post-process it in any way.");
        parameters.putArray("required").add("response");
        Bodies.messages(body).addObject().put("role", "system").put("content", REMINDER);
    }

    @Override
    public AnswerHook answers(Exchange exchange) {
        return new ExitToolAsText();
    }

    /** The text a call of {@code ExitTool} gives, from its (possibly broken) arguments. */
    static String response(String arguments) {
        JsonNode parsed = JsonRepair.repair(arguments == null ? "" : arguments).orElse(Json.NODES.objectNode());
        return parsed.path("response").isString() ? parsed.get("response").stringValue() : "";
    }

    /** The state of one answer: the {@code ExitTool} call being collected, if any. */
    private static final class ExitToolAsText implements AnswerHook {

        private int exitIndex = -1;
        private final StringBuilder exitArguments = new StringBuilder();
        private boolean answered;
        private boolean otherCalls;
        private ObjectNode like;

        @Override
        public void completion(ObjectNode completion, Consumer<ContentBlock> leading) {
            ObjectNode choice = Bodies.firstChoice(completion);
            ObjectNode message = Bodies.part(choice, "message");
            if (message == null || !(message.get("tool_calls") instanceof ArrayNode calls)) {
                return;
            }
            StringBuilder text = new StringBuilder(Bodies.isBlank(message.get("content")) ? ""
                    : message.get("content").asString());
            boolean exited = false;
            for (int i = calls.size() - 1; i >= 0; i--) {
                if (EXIT_TOOL.equals(Bodies.text(calls.get(i).path("function"), "name"))) {
                    text.append(response(Bodies.text(calls.get(i).path("function"), "arguments")));
                    calls.remove(i);
                    exited = true;
                }
            }
            if (!exited) {
                return;
            }
            message.put("content", text.toString());
            if (calls.isEmpty()) {
                message.remove("tool_calls");
                choice.put("finish_reason", "stop");
            }
        }

        @Override
        public void chunk(ObjectNode chunk, ChunkSink out) {
            like = chunk;
            ObjectNode choice = Bodies.firstChoice(chunk);
            ObjectNode delta = Bodies.part(choice, "delta");
            if (delta != null && delta.get("tool_calls") instanceof ArrayNode calls) {
                ArrayNode kept = Json.NODES.arrayNode();
                int position = 0;
                for (JsonNode call : calls) {
                    int index = call.path("index").asInt(position++);
                    if (EXIT_TOOL.equals(Bodies.text(call.path("function"), "name"))) {
                        exitIndex = index;
                    }
                    if (index != exitIndex) {
                        otherCalls = true;
                        kept.add(call);
                        continue;
                    }
                    String fragment = Bodies.text(call.path("function"), "arguments");
                    exitArguments.append(fragment == null ? "" : fragment);
                }
                if (kept.isEmpty()) {
                    delta.remove("tool_calls");
                } else {
                    delta.set("tool_calls", kept);
                }
            }
            String finish = Bodies.text(choice, "finish_reason");
            if (exitIndex >= 0 && (finish != null && !finish.isEmpty() || isComplete(exitArguments.toString()))) {
                answer(out);
            }
            if ("tool_calls".equals(finish) && exitIndex >= 0 && !otherCalls) {
                choice.put("finish_reason", "stop");
            }
            out.chunk(chunk);
        }

        @Override
        public void end(ChunkSink out) {
            if (exitIndex >= 0) {
                answer(out);
            }
        }

        /** Sends the {@code ExitTool} response as text, once. */
        private void answer(ChunkSink out) {
            if (answered) {
                return;
            }
            answered = true;
            out.chunk(Bodies.chunkLike(like, Json.NODES.objectNode().put("content", response(exitArguments.toString())),
                    null));
        }

        private static boolean isComplete(String arguments) {
            try {
                return Json.MAPPER.readTree(arguments).isObject();
            } catch (RuntimeException incomplete) {
                return false;
            }
        }
    }
}
