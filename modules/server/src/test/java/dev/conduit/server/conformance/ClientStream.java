package dev.conduit.server.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A streamed answer as a client receives it, parsed strictly (Conduit writes LF-framed events:
 * {@code event:} and {@code data:} lines, comments, a blank line after each event), with the
 * rules of each API's event grammar checked and what a client accumulates from it.
 */
final class ClientStream {

    /**
     * One event: its name ({@code message} when none), its data as JSON (or a string: {@code
     * [DONE]}) and the data as it was written.
     */
    record Event(String event, JsonNode data, String raw) {
        JsonNode asJson() {
            ObjectNode node = JsonExpect.JSON.createObjectNode();
            if (!event.equals("message")) {
                node.put("event", event);
            }
            node.set("data", data);
            return node;
        }
    }

    final List<Event> events = new ArrayList<>();
    /**
     * Whether events of types the Messages API does not define yet are fine: Anthropic may add
     * some and clients must skip them, so a forwarded stream may carry them; Conduit's own never do.
     */
    boolean unknownEventsAllowed;
    /** Grammar violations; empty for a well-formed stream. */
    final List<String> problems = new ArrayList<>();

    private ClientStream() {}

    static ClientStream parse(String body) {
        ClientStream stream = new ClientStream();
        if (!body.isEmpty() && !body.endsWith("\n\n")) {
            stream.problems.add("the stream does not end with a blank line: …" + tail(body));
        }
        for (String frame : body.split("\n\n")) {
            String event = "message";
            StringBuilder data = null;
            for (String line : frame.split("\n")) {
                if (line.isEmpty() || line.startsWith(":")) {
                    continue;
                }
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring(6));
                } else {
                    stream.problems.add("a line that is neither event, data nor comment: " + line);
                }
            }
            if (data != null) {
                stream.events.add(new Event(event, json(data.toString(), stream.problems), data.toString()));
            }
        }
        return stream;
    }

    private static JsonNode json(String data, List<String> problems) {
        if (data.equals("[DONE]")) {
            return StringNode.valueOf(data);
        }
        try {
            return JsonExpect.JSON.readTree(data);
        } catch (JacksonException e) {
            problems.add("data that is not JSON: " + data);
            return StringNode.valueOf(data);
        }
    }

    private static String tail(String body) {
        return body.substring(Math.max(0, body.length() - 80)).replace("\n", "\\n");
    }

    List<JsonNode> asJson() {
        return events.stream().map(Event::asJson).toList();
    }

    List<String> names() {
        return events.stream().map(Event::event).toList();
    }

    // ---------------------------------------------------------------- Anthropic Messages streams

    /**
     * The Messages API grammar: {@code message_start} first; blocks one at a time with indices
     * 0, 1, 2…, each delta inside its block and of its block's kind; then {@code message_delta}
     * and {@code message_stop} last — or an {@code error} last and no {@code message_stop} at all.
     * Returns what a client accumulates: the blocks (tool input parsed) and the stop reason.
     */
    Accumulated checkAnthropic() {
        Accumulated result = new Accumulated();
        if (events.isEmpty() || !events.getFirst().event().equals("message_start")) {
            problems.add("the first event is not message_start: " + names());
        }
        int open = -1;
        int next = 0;
        boolean sawDelta = false;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            JsonNode data = event.data();
            if (!data.isObject() || !event.event().equals(data.path("type").asString(""))) {
                problems.add("event " + i + " (" + event.event() + ") has data of another type: " + JsonExpect.show(data));
                continue;
            }
            boolean last = i == events.size() - 1;
            switch (event.event()) {
                case "message_start", "ping" -> { }
                case "content_block_start" -> {
                    int index = data.path("index").asInt(-1);
                    if (open >= 0) {
                        problems.add("block " + index + " starts while block " + open + " is open");
                    }
                    if (index != next) {
                        problems.add("block index " + index + " where " + next + " was due");
                    }
                    open = index;
                    next = index + 1;
                    result.blocks.add(new Block(data.path("content_block")));
                }
                case "content_block_delta" -> {
                    int index = data.path("index").asInt(-1);
                    if (index != open) {
                        problems.add("a delta for block " + index + " while " + (open < 0 ? "none" : "block " + open) + " is open");
                    } else {
                        result.blocks.getLast().add(data.path("delta"), problems);
                    }
                }
                case "content_block_stop" -> {
                    int index = data.path("index").asInt(-1);
                    if (index != open) {
                        problems.add("block " + index + " stops while " + (open < 0 ? "none" : "block " + open) + " is open");
                    }
                    open = -1;
                }
                case "message_delta" -> {
                    sawDelta = true;
                    if (open >= 0) {
                        problems.add("message_delta while block " + open + " is open");
                    }
                    result.stopReason = data.path("delta").path("stop_reason").asString(null);
                    result.usage = data.path("usage");
                }
                case "message_stop" -> {
                    if (!last) {
                        problems.add("events follow message_stop");
                    }
                    if (!sawDelta) {
                        problems.add("message_stop without message_delta");
                    }
                    result.complete = true;
                }
                case "error" -> {
                    if (!last) {
                        problems.add("events follow the error event");
                    }
                    result.error = data.path("error");
                }
                default -> {
                    if (!unknownEventsAllowed) {
                        problems.add("unknown event " + event.event());
                    }
                }
            }
        }
        if (!result.complete && result.error == null) {
            problems.add("the stream ends with neither message_stop nor error: " + names());
        }
        return result;
    }

    /** What a client holds at the end of a stream. */
    static final class Accumulated {
        final List<Block> blocks = new ArrayList<>();
        String stopReason;
        JsonNode usage;
        JsonNode error;
        boolean complete;
        /** OpenAI: the finish reason of choice 0. */
        String finishReason;
        final StringBuilder text = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final Map<Integer, ToolCall> toolCalls = new LinkedHashMap<>();

        String text() {
            StringBuilder all = new StringBuilder(text);
            blocks.stream().filter(block -> block.type.equals("text")).forEach(block -> all.append(block.content));
            return all.toString();
        }

        String thinking() {
            StringBuilder all = new StringBuilder(reasoning);
            blocks.stream().filter(block -> block.type.equals("thinking")).forEach(block -> all.append(block.content));
            return all.toString();
        }
    }

    /** One content block of an Anthropic stream, with its deltas put together. */
    static final class Block {
        final String type;
        final JsonNode start;
        final StringBuilder content = new StringBuilder();
        final List<String> signatures = new ArrayList<>();

        Block(JsonNode start) {
            this.start = start;
            this.type = start.path("type").asString("");
        }

        void add(JsonNode delta, List<String> problems) {
            String kind = delta.path("type").asString("");
            String expected = switch (kind) {
                case "text_delta", "citations_delta" -> "text";
                // server tools (web search) stream their input as a client tool does
                case "input_json_delta" -> type.equals("server_tool_use") ? type : "tool_use";
                case "thinking_delta", "signature_delta" -> "thinking";
                default -> "?";
            };
            if (!expected.equals(type)) {
                problems.add("a " + kind + " in a " + type + " block");
            }
            switch (kind) {
                case "text_delta" -> content.append(delta.path("text").asString(""));
                case "input_json_delta" -> content.append(delta.path("partial_json").asString(""));
                case "thinking_delta" -> content.append(delta.path("thinking").asString(""));
                case "signature_delta" -> signatures.add(delta.path("signature").asString(""));
                default -> { }
            }
        }

        /** A tool_use block's input: the concatenated partial JSON, or the start's input when none streamed. */
        JsonNode input() {
            if (content.isEmpty()) {
                return start.path("input");
            }
            try {
                return JsonExpect.JSON.readTree(content.toString());
            } catch (JacksonException e) {
                return StringNode.valueOf("not JSON: " + content);
            }
        }
    }

    // ------------------------------------------------------------ OpenAI Chat Completions streams

    /** One streamed tool call: the first delta's id and name, the arguments' fragments joined. */
    static final class ToolCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();

        JsonNode parsedArguments() {
            try {
                return JsonExpect.JSON.readTree(arguments.toString());
            } catch (JacksonException e) {
                return StringNode.valueOf("not JSON: " + arguments);
            }
        }
    }

    /**
     * The Chat Completions stream grammar: unnamed events of {@code chat.completion.chunk} with one
     * id, {@code [DONE]} once and last — or an error chunk last and no {@code [DONE]}; a tool call's
     * first delta carries id, type and name. Returns what a client accumulates.
     */
    Accumulated checkOpenAi() {
        Accumulated result = new Accumulated();
        String id = null;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            boolean last = i == events.size() - 1;
            if (!event.event().equals("message")) {
                problems.add("a named event in a Chat Completions stream: " + event.event());
            }
            JsonNode data = event.data();
            if (data.isString()) {
                if (!last) {
                    problems.add("events follow [DONE]");
                }
                result.complete = true;
                continue;
            }
            if (data.has("error")) {
                if (!last) {
                    problems.add("events follow the error chunk");
                }
                result.error = data.get("error");
                continue;
            }
            if (!data.path("object").asString("").equals("chat.completion.chunk")) {
                problems.add("chunk " + i + " is not a chat.completion.chunk: " + JsonExpect.show(data));
            }
            String chunkId = data.path("id").asString(null);
            if (id == null) {
                id = chunkId;
            } else if (!id.equals(chunkId)) {
                problems.add("chunk " + i + " has id " + chunkId + ", the stream began with " + id);
            }
            if (data.has("usage") && !data.get("usage").isNull()) {
                result.usage = data.get("usage");
            }
            for (JsonNode choice : data.path("choices")) {
                if (choice.path("index").asInt(0) != 0) {
                    problems.add("a choice other than 0");
                    continue;
                }
                JsonNode delta = choice.path("delta");
                result.text.append(delta.path("content").asString(""));
                result.reasoning.append(delta.path("reasoning_content").asString(""));
                for (JsonNode call : delta.path("tool_calls")) {
                    int index = call.path("index").asInt(-1);
                    ToolCall known = result.toolCalls.get(index);
                    if (known == null) {
                        known = new ToolCall();
                        known.id = call.path("id").asString(null);
                        known.name = call.path("function").path("name").asString(null);
                        if (known.id == null || known.name == null || !call.path("type").asString("").equals("function")) {
                            problems.add("the first delta of tool call " + index + " lacks id, type or name: " + call);
                        }
                        result.toolCalls.put(index, known);
                    }
                    known.arguments.append(call.path("function").path("arguments").asString(""));
                }
                String finish = choice.path("finish_reason").asString(null);
                if (finish != null) {
                    if (result.finishReason != null) {
                        problems.add("a second finish_reason: " + finish);
                    }
                    result.finishReason = finish;
                }
            }
        }
        if (!result.complete && result.error == null) {
            problems.add("the stream ends with neither [DONE] nor an error chunk");
        }
        if (result.complete && result.finishReason == null) {
            problems.add("[DONE] without a finish_reason");
        }
        return result;
    }
}
