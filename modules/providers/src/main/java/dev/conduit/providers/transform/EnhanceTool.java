package dev.conduit.providers.transform;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code enhancetool}: tool-call arguments that are not quite JSON are repaired ({@link
 * JsonRepair}). A streamed call's arguments are held back until the call ends (another call
 * starts, the model finishes, or the stream ends) and then sent as one repaired fragment, so
 * tool calls no longer stream, as with claude-code-router.
 */
public record EnhanceTool() implements Transformer {

    @Override
    public AnswerHook answers(Exchange exchange) {
        return new Repairing();
    }

    /** The state of one answer: the call whose arguments are being collected. */
    private static final class Repairing implements AnswerHook {

        private Integer index;
        private String id;
        private final StringBuilder arguments = new StringBuilder();
        private ObjectNode like;

        @Override
        public void completion(ObjectNode completion, Consumer<ContentBlock> leading) {
            for (JsonNode choice : completion.path("choices")) {
                for (JsonNode call : choice.path("message").path("tool_calls")) {
                    if (call.path("function") instanceof ObjectNode function && function.path("arguments").isString()) {
                        function.put("arguments", JsonRepair.repairedText(function.get("arguments").stringValue()));
                    }
                }
            }
        }

        @Override
        public void chunk(ObjectNode chunk, ChunkSink out) {
            ObjectNode choice = Bodies.firstChoice(chunk);
            ObjectNode delta = Bodies.part(choice, "delta");
            JsonNode calls = delta == null ? null : delta.get("tool_calls");
            String finish = Bodies.text(choice, "finish_reason");
            boolean finishing = finish != null && !finish.isEmpty();
            if ((calls == null || calls.isEmpty()) && !finishing) {
                out.chunk(chunk);
                return;
            }
            like = chunk;
            ObjectNode rest = chunk.deepCopy();
            ObjectNode restChoice = Bodies.firstChoice(rest);
            ObjectNode restDelta = Bodies.part(restChoice, "delta");
            restChoice.putNull("finish_reason");
            if (restDelta != null) {
                restDelta.remove("tool_calls");
            }
            if (rest.has("choices") && hasContent(restDelta)) {
                rest.remove("usage");
                out.chunk(rest); // text or reasoning that came with the calls goes first
            }
            int position = 0;
            for (JsonNode call : calls == null ? Json.NODES.arrayNode() : calls) {
                int callIndex = call.path("index").asInt(position++);
                String callId = Bodies.text(call, "id");
                boolean another = index == null || callIndex != index
                        || (callId != null && !callId.isEmpty() && !callId.equals(id));
                if (another) {
                    flush(out);
                    index = callIndex;
                    id = callId;
                    ObjectNode start = call instanceof ObjectNode object ? object.deepCopy() : Json.NODES.objectNode();
                    start.put("index", callIndex);
                    (start.get("function") instanceof ObjectNode function ? function : start.putObject("function"))
                            .put("arguments", "");
                    out.chunk(callChunk(start));
                }
                String fragment = Bodies.text(call.path("function"), "arguments");
                arguments.append(fragment == null ? "" : fragment);
            }
            if (!finishing && chunk.has("usage")) {
                ObjectNode usage = chunk.deepCopy();
                usage.putArray("choices");
                out.chunk(usage);
            }
            if (finishing) {
                flush(out);
                ObjectNode finished = Bodies.chunkLike(chunk, Json.NODES.objectNode(), finish);
                if (chunk.has("usage")) {
                    finished.set("usage", chunk.get("usage").deepCopy());
                }
                out.chunk(finished);
            }
        }

        @Override
        public void end(ChunkSink out) {
            flush(out);
        }

        /** Sends the collected arguments of the current call, repaired, as one fragment. */
        private void flush(ChunkSink out) {
            if (index == null) {
                return;
            }
            ObjectNode call = Json.NODES.objectNode().put("index", index);
            call.putObject("function").put("arguments", JsonRepair.repairedText(arguments.toString()));
            out.chunk(callChunk(call));
            index = null;
            id = null;
            arguments.setLength(0);
        }

        private ObjectNode callChunk(ObjectNode call) {
            ObjectNode delta = Json.NODES.objectNode();
            ArrayNode calls = delta.putArray("tool_calls");
            calls.add(call);
            return Bodies.chunkLike(like, delta, null);
        }

        /** Whether a delta carries anything besides tool calls and its role. */
        private static boolean hasContent(ObjectNode delta) {
            return delta != null && delta.properties().stream()
                    .anyMatch(field -> !field.getKey().equals("role") && !Bodies.isBlank(field.getValue()));
        }
    }
}
