package dev.conduit.server.conformance;

import dev.conduit.server.RunningGateway;
import dev.conduit.testing.ClaudeCodeFixtures;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Runs one case: queues the upstream's reply on the mock, sends the client's request to the
 * gateway with the JDK's HTTP client, and returns every way in which what the mock received and
 * what the client got differ from the case's expectations (empty when the case passes).
 */
final class CaseRunner {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "accept-encoding");

    private final RunningGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    /** What the last run saw, for reports. */
    String lastBody = "";
    JsonNode lastUpstreamBody;
    /** The body the client sent, for {@code expectUpstream.bodyAsSent}. */
    private ObjectNode lastSentBody;

    CaseRunner(RunningGateway gateway) {
        this.gateway = gateway;
    }

    List<String> run(ConformanceCase c) throws Exception {
        List<String> problems = new ArrayList<>();
        MockUpstream upstream = gateway.upstream();
        upstream.reset();
        lastBody = "";
        lastUpstreamBody = null;
        JsonNode reply = c.root().get("upstream");
        if (reply != null) {
            upstream.enqueue(UpstreamReplies.of(reply));
        }
        HttpResponse<byte[]> response = http.send(request(c, problems), HttpResponse.BodyHandlers.ofByteArray());
        String body = utf8(response.body(), problems);
        lastBody = body;
        checkUpstream(c, upstream, problems);
        ClientResult.check(c, response, body, problems);
        return problems;
    }

    private HttpRequest request(ConformanceCase c, List<String> problems) {
        JsonNode spec = c.root().get("request");
        boolean anthropic = c.client().equals("anthropic");
        String path = anthropic ? "/v1/messages" : "/v1/chat/completions";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (anthropic) {
            headers.put("anthropic-version", "2023-06-01");
        }
        ObjectNode body;
        if (spec.has("fixture")) {
            JsonNode capture = ClaudeCodeFixtures.capture(spec.get("fixture").asString());
            path = capture.get("path").asString();
            for (Map.Entry<String, JsonNode> header : capture.get("headers").properties()) {
                headers.put(header.getKey(), header.getValue().asString());
            }
            body = (ObjectNode) capture.get("body").deepCopy();
        } else {
            body = (ObjectNode) spec.get("body").deepCopy();
        }
        if (spec.has("model")) {
            body.put("model", spec.get("model").asString());
        }
        spec.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
        path = spec.path("path").asString(path);
        Set<String> names = ConformanceGateway.PROVIDERS_OF_KIND.getOrDefault(c.provider(), Set.of());
        String routed = body.path("model").asString("");
        if (!names.contains(routed.substring(0, Math.max(0, routed.indexOf(','))))) {
            problems.add("the request's model must route to a " + c.provider() + " provider: \"<provider>,<model>\" with one of "
                    + names);
        }
        lastSentBody = body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(JsonExpect.JSON.writeValueAsString(body)));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        return request.build();
    }

    /** The body as a client decodes it: bytes that are not UTF-8 are a finding. */
    static String utf8(byte[] bytes, List<String> problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add("the client received bytes that are not UTF-8");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void checkUpstream(ConformanceCase c, MockUpstream upstream, List<String> problems) throws Exception {
        JsonNode expected = c.root().get("expectUpstream");
        if (expected == null) {
            return;
        }
        if (expected.isString() && expected.asString().equals("none")) {
            if (!upstream.received().isEmpty()) {
                problems.add("upstream: expected no request, got " + upstream.received().size());
            }
            return;
        }
        List<RecordedRequest> received = upstream.received();
        if (received.size() != 1) {
            problems.add("upstream: expected one request, got " + received.size());
            if (received.isEmpty()) {
                return;
            }
        }
        RecordedRequest request = received.getFirst();
        lastUpstreamBody = request.body();
        expect(problems, "upstream method", expected.path("method").asString("POST"), request.method());
        if (expected.has("path")) {
            problems.addAll(JsonExpect.exact(expected.get("path"), StringNode.valueOf(request.path()), "upstream path"));
        }
        for (Map.Entry<String, JsonNode> header : expected.path("headers").properties()) {
            String value = request.header(header.getKey());
            problems.addAll(JsonExpect.exact(header.getValue(), value == null ? null : StringNode.valueOf(value),
                    "upstream header " + header.getKey()));
        }
        JsonNode body = request.body();
        if (expected.has("body")) {
            problems.addAll(JsonExpect.exact(expected.get("body"), body, "upstream body"));
        }
        if (expected.has("bodyAsSent")) {
            // the client's own body, with only the members named replaced
            ObjectNode sent = lastSentBody.deepCopy();
            expected.get("bodyAsSent").properties().forEach(member -> sent.set(member.getKey(), member.getValue()));
            problems.addAll(JsonExpect.exact(sent, body, "upstream body"));
        }
        if (expected.has("bodyIncludes")) {
            problems.addAll(JsonExpect.subset(expected.get("bodyIncludes"), body, "upstream body"));
        }
        for (Map.Entry<String, JsonNode> pointer : expected.path("at").properties()) {
            JsonNode value = body == null ? null : body.at(pointer.getKey());
            problems.addAll(JsonExpect.exact(pointer.getValue(), value, "upstream body" + pointer.getKey()));
        }
        String text = body == null ? "" : body.toString();
        for (JsonNode needle : expected.path("contains")) {
            if (!text.contains(needle.asString())) {
                problems.add("upstream body does not contain \"" + needle.asString() + "\"");
            }
        }
        for (JsonNode needle : expected.path("excludes")) {
            if (text.contains(needle.asString())) {
                problems.add("upstream body contains \"" + needle.asString() + "\"");
            }
        }
    }

    static void expect(List<String> problems, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(what + ": expected " + expected + ", got " + actual);
        }
    }
}
