package dev.conduit.server.conformance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Checks what the client got against a case's {@code expect}: status and headers; a whole body
 * ({@code body} exact, {@code bodyIncludes} a subset), or a stream ({@code events}, the exact list
 * in order, and what a client accumulates from it: {@code eventNames}, {@code text},
 * {@code thinking}, {@code toolCalls}, {@code stopReason} or {@code finishReason}, {@code usage},
 * {@code error}, {@code complete}). Every stream is also held to its API's grammar, and every
 * error body to its API's envelope, whatever the case says.
 */
final class ClientResult {

    private static final JsonNode ANTHROPIC_ERROR = JsonExpect.JSON.readTree("""
            {"type":"error","error":{"type":"<re:[a-z_]+>","message":"<re:.+>"}}""");
    private static final JsonNode OPENAI_ERROR = JsonExpect.JSON.readTree("""
            {"error":{"message":"<re:.+>","type":"<re:[a-z_]+>","param":"<any>","code":"<any>"}}""");

    private ClientResult() {}

    static void check(ConformanceCase c, HttpResponse<byte[]> response, String body, List<String> problems) {
        JsonNode expect = c.root().get("expect");
        boolean anthropic = c.client().equals("anthropic");
        CaseRunner.expect(problems, "status", expect.path("status").asInt(200), response.statusCode());
        for (Map.Entry<String, JsonNode> header : expect.path("headers").properties()) {
            String value = response.headers().firstValue(header.getKey()).orElse(null);
            problems.addAll(JsonExpect.exact(header.getValue(), value == null ? null : StringNode.valueOf(value),
                    "header " + header.getKey()));
        }
        String type = response.headers().firstValue("content-type").orElse("");
        if (type.startsWith("text/event-stream")) {
            stream(expect, anthropic, body, problems);
            if (expect.path("forwarded").asBoolean(false)) {
                forwarded(c, body, problems);
            }
            return;
        }
        for (String member : List.of("events", "eventNames", "text", "thinking", "toolCalls", "stopReason", "finishReason")) {
            if (expect.has(member)) {
                problems.add("expected a stream (" + member + "), got " + type + ": " + abbreviate(body));
            }
        }
        if (expect.path("forwarded").asBoolean(false) && !body.equals(UpstreamReplies.wholeBody(c.root().path("upstream")))) {
            problems.add("forwarded: the body differs from the upstream's: " + abbreviate(body));
        }
        JsonNode json;
        try {
            json = JsonExpect.JSON.readTree(body);
        } catch (JacksonException notJson) {
            problems.add("the body is not JSON: " + abbreviate(body));
            return;
        }
        if (response.statusCode() != 200) {
            problems.addAll(JsonExpect.exact(anthropic ? ANTHROPIC_ERROR : OPENAI_ERROR, json,
                    (anthropic ? "Anthropic" : "OpenAI") + " error envelope"));
        }
        if (expect.has("body")) {
            problems.addAll(JsonExpect.exact(expect.get("body"), json, "body"));
        }
        if (expect.has("bodyIncludes")) {
            problems.addAll(JsonExpect.subset(expect.get("bodyIncludes"), json, "body"));
        }
    }

    private static void stream(JsonNode expect, boolean anthropic, String body, List<String> problems) {
        if (expect.has("body") || expect.has("bodyIncludes")) {
            problems.add("expected a whole JSON answer, got a stream");
        }
        ClientStream stream = ClientStream.parse(body);
        stream.unknownEventsAllowed = expect.path("forwarded").asBoolean(false);
        ClientStream.Accumulated result = anthropic ? stream.checkAnthropic() : stream.checkOpenAi();
        stream.problems.forEach(problem -> problems.add("stream grammar: " + problem));
        if (expect.has("events")) {
            ArrayNode actual = JsonExpect.JSON.createArrayNode();
            stream.asJson().forEach(actual::add);
            problems.addAll(JsonExpect.exact(expect.get("events"), actual, "events"));
        }
        if (expect.has("eventNames")) {
            ArrayNode names = JsonExpect.JSON.createArrayNode();
            stream.names().forEach(names::add);
            problems.addAll(JsonExpect.exact(expect.get("eventNames"), names, "eventNames"));
        }
        summary(problems, expect, "text", StringNode.valueOf(result.text()));
        summary(problems, expect, "thinking", StringNode.valueOf(result.thinking()));
        summary(problems, expect, "toolCalls", toolCalls(result, anthropic));
        summary(problems, expect, "stopReason", result.stopReason == null ? null : StringNode.valueOf(result.stopReason));
        summary(problems, expect, "finishReason", result.finishReason == null ? null : StringNode.valueOf(result.finishReason));
        summary(problems, expect, "usage", result.usage);
        summary(problems, expect, "error", result.error);
        summary(problems, expect, "complete", BooleanNode.valueOf(result.complete));
        if (anthropic) {
            summary(problems, expect, "signatures", signatures(result));
        }
    }

    /**
     * {@code forwarded: true} for a stream: the client got the upstream's events, in order, each
     * with the name and the data bytes the upstream sent (comments and framing aside). For a whole
     * answer: the upstream's body, byte for byte.
     */
    private static void forwarded(ConformanceCase c, String body, List<String> problems) {
        List<ClientStream.Event> sent = ClientStream.parse(String.join("", UpstreamReplies.frames(c.root().get("upstream")))
                .replace("\r\n", "\n")).events;
        List<ClientStream.Event> got = ClientStream.parse(body).events;
        for (int i = 0; i < Math.max(sent.size(), got.size()); i++) {
            ClientStream.Event want = i < sent.size() ? sent.get(i) : null;
            ClientStream.Event have = i < got.size() ? got.get(i) : null;
            if (want == null || have == null || !want.event().equals(have.event()) || !want.raw().equals(have.raw())) {
                problems.add("forwarded: event " + i + " should be " + describe(want) + ", got " + describe(have));
                return;
            }
        }
    }

    private static String describe(ClientStream.Event event) {
        return event == null ? "nothing" : event.event() + " " + abbreviate(event.raw());
    }

    private static void summary(List<String> problems, JsonNode expect, String member, JsonNode actual) {
        if (expect.has(member)) {
            problems.addAll(JsonExpect.exact(expect.get(member), actual, member));
        }
    }

    /** The tool calls a client ends up with, in order: id, name and the parsed input or arguments. */
    private static ArrayNode toolCalls(ClientStream.Accumulated result, boolean anthropic) {
        ArrayNode calls = JsonExpect.JSON.createArrayNode();
        if (anthropic) {
            for (ClientStream.Block block : result.blocks) {
                if (block.type.equals("tool_use")) {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.start.path("id").asString(null));
                    call.put("name", block.start.path("name").asString(null));
                    call.set("input", block.input());
                }
            }
        } else {
            for (ClientStream.ToolCall toolCall : result.toolCalls.values()) {
                ObjectNode call = calls.addObject();
                call.put("id", toolCall.id);
                call.put("name", toolCall.name);
                call.set("arguments", toolCall.parsedArguments());
            }
        }
        return calls;
    }

    /** The signature deltas of each thinking block, in order. */
    private static ArrayNode signatures(ClientStream.Accumulated result) {
        ArrayNode signatures = JsonExpect.JSON.createArrayNode();
        for (ClientStream.Block block : result.blocks) {
            if (block.type.equals("thinking")) {
                ArrayNode own = signatures.addArray();
                block.signatures.forEach(own::add);
            }
        }
        return signatures;
    }

    static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
