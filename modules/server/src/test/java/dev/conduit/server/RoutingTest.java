package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ClaudeCodeFixtures;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * claude-code-router's routes through a real worker, first match wins: explicit, longContext,
 * the subagent tag, background, webSearch, think, image, default. Every provider is the mock
 * upstream; the model it receives tells which route was taken.
 */
class RoutingTest {

    private static final String TAG = "<CCR-SUBAGENT-MODEL>claude,claude-sonnet-4-5</CCR-SUBAGENT-MODEL>";
    /** More than the default long-context threshold of 60,000 tokens: " hello" is one token. */
    private static final String LONG_TEXT = " hello".repeat(61_000);
    private static final String IMAGE = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
            + "\"data\":\"iVBORw0KGgo=\"}}";
    private static final String WEB_SEARCH = "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'background', api_base_url: '{upstream}', models: ['bg-model']},
            {name: 'long', api_base_url: '{upstream}', models: ['long-model']},
            {name: 'thinker', api_base_url: '{upstream}', models: ['think-model']},
            {name: 'search', api_base_url: '{upstream}', models: ['search-model']},
            {name: 'vision', api_base_url: '{upstream}', models: ['vision-model']},
            {name: 'claude', api_base_url: '{origin}/v1/messages', api_key: 'sk-ant-mock', models: ['claude-sonnet-4-5'],
             transformer: {use: ['Anthropic']}},
            """, """
            {default: 'mock,mock-model', background: 'background,bg-model', longContext: 'long,long-model',
             think: 'thinker,think-model', webSearch: 'search,search-model', image: 'vision,vision-model'}""");

    static HttpResponse<String> post(RunningGateway gateway, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return gateway.send(request.build());
    }

    /** The model the provider received for a request, after checking the client got a 200. */
    static String modelReached(RunningGateway gateway, HttpResponse<String> response) throws InterruptedException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue();
    }

    private static String modelFor(String body) throws Exception {
        return modelReached(gateway, post(gateway, "/v1/messages", body));
    }

    /** A plain turn with extra top-level members ({@code ""} or ending in a comma) and the user's content. */
    private static String turn(String model, String extra, String content) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":2048," + extra
                + "\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}";
    }

    private static String anthropicAnswer() {
        return """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"ok"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}""";
    }

    @Test
    void aPlainRequestGoesToTheDefaultRoute() throws Exception {
        assertThat(modelFor(turn("claude-sonnet-4-5", "", "\"hi\""))).isEqualTo("mock-model");
    }

    @Test
    void anExplicitTargetIsMatchedIgnoringCaseAndSentWithTheConfiguredSpelling() throws Exception {
        assertThat(modelFor(turn("MOCK,other-model", "", "\"hi\""))).isEqualTo("Other-Model");
    }

    @Test
    void anExplicitTargetBeatsEveryScenario() throws Exception {
        String everything = turn("Background,BG-MODEL", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"tools\":[" + WEB_SEARCH + "],", "[" + IMAGE + ",{\"type\":\"text\",\"text\":\"" + LONG_TEXT + "\"}]");

        assertThat(modelFor(everything)).isEqualTo("bg-model");
    }

    @Test
    void moreTokensThanTheThresholdGoToTheLongContextRoute() throws Exception {
        assertThat(modelFor(turn("claude-sonnet-4-5", "", "\"" + LONG_TEXT + "\""))).isEqualTo("long-model");
    }

    @Test
    void aSessionWhoseLastRequestWasLongStaysOnTheLongContextRoute() throws Exception {
        String session = "\"metadata\":{\"user_id\":\"user_1_account__session_routing-test\"},";
        String mediumTurn = turn("claude-sonnet-4-5", session, "\"" + " hello".repeat(25_000) + "\"");
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 75_000, 1)));

        assertThat(modelFor(mediumTurn)).as("25,000 tokens, no history").isEqualTo("mock-model");
        assertThat(modelFor(mediumTurn)).as("the last request used 75,000").isEqualTo("long-model");
        assertThat(modelFor(turn("claude-sonnet-4-5", session, "\"hi\""))).as("not over 20,000").isEqualTo("mock-model");
    }

    @Test
    void aSessionOfClaudeCodesJsonUserIdIsFollowedToo() throws Exception {
        String session = "\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"d1\\\",\\\"session_id\\\":\\\"json-session\\\"}\"},";
        String mediumTurn = turn("claude-sonnet-4-5", session, "\"" + " hello".repeat(25_000) + "\"");
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 61_000, 1)));

        assertThat(modelFor(mediumTurn)).isEqualTo("mock-model");
        assertThat(modelFor(mediumTurn)).isEqualTo("long-model");
    }

    @Test
    void theSubagentTagInTheSecondSystemBlockChoosesTheModelAndNeverReachesIt() throws Exception {
        String body = turn("claude-sonnet-4-5", "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\"},"
                + "{\"type\":\"text\",\"text\":\"Be brief.<CCR-SUBAGENT-MODEL>background,bg-model</CCR-SUBAGENT-MODEL>\"}],",
                "\"hi\"");

        assertThat(post(gateway, "/v1/messages", body).statusCode()).isEqualTo(200);

        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.body().get("model").stringValue()).isEqualTo("bg-model");
        assertThat(upstream.body().toString()).doesNotContain("CCR-SUBAGENT-MODEL").contains("Be brief.")
                .contains("You are Claude Code.");
    }

    @Test
    void aForwardedRequestLosesTheTagToo() throws Exception {
        ObjectNode body = (ObjectNode) ClaudeCodeFixtures.body(ClaudeCodeFixtures.PRINT).deepCopy();
        body.put("stream", false);
        ((ArrayNode) body.get("system")).addObject().put("type", "text").put("text", "You review code. " + TAG);
        gateway.upstream.enqueue(MockReply.json(200, anthropicAnswer()));

        HttpResponse<String> response = post(gateway, "/v1/messages", body.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.body().toString()).doesNotContain("CCR-SUBAGENT-MODEL");
        JsonNode system = upstream.body().get("system");
        assertThat(system).hasSize(4);
        assertThat(system.get(3).get("text").stringValue()).isEqualTo("You review code. ");
    }

    @Test
    void longContextBeatsTheSubagentTagWhichIsStillRemoved() throws Exception {
        String body = turn("claude-sonnet-4-5", "\"system\":[{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"text\","
                + "\"text\":\"" + TAG + "\"}],", "\"" + LONG_TEXT + "\"");

        assertThat(post(gateway, "/v1/messages", body).statusCode()).isEqualTo(200);

        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.body().get("model").stringValue()).isEqualTo("long-model");
        assertThat(upstream.body().toString()).doesNotContain("CCR-SUBAGENT-MODEL");
    }

    @Test
    void theSubagentTagBeatsBackground() throws Exception {
        String body = turn("claude-haiku-4-5", "\"system\":[{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"text\","
                + "\"text\":\"<CCR-SUBAGENT-MODEL>search,search-model</CCR-SUBAGENT-MODEL>\"}],", "\"hi\"");

        assertThat(modelFor(body)).isEqualTo("search-model");
    }

    @Test
    void aClaudeHaikuModelGoesToTheBackgroundRouteEvenWithThinkingOrSearch() throws Exception {
        assertThat(modelFor(turn("claude-haiku-4-5-20251001", "", "\"title?\""))).isEqualTo("bg-model");
        assertThat(modelFor(turn("claude-3-5-haiku-latest", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"tools\":[" + WEB_SEARCH + "],", "\"title?\""))).isEqualTo("bg-model");
    }

    @Test
    void aWebSearchToolGoesToTheWebSearchRouteBeforeThinking() throws Exception {
        assertThat(modelFor(turn("claude-sonnet-4-5", "\"tools\":[" + WEB_SEARCH + "],", "\"news?\"")))
                .isEqualTo("search-model");
        assertThat(modelFor(turn("claude-sonnet-4-5", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"tools\":[" + WEB_SEARCH + "],", "\"news?\""))).isEqualTo("search-model");
    }

    @Test
    void thinkingGoesToTheThinkRouteBeforeAnImage() throws Exception {
        assertThat(modelFor(turn("claude-sonnet-4-5", "\"thinking\":{\"type\":\"adaptive\"},", "\"why?\"")))
                .isEqualTo("think-model");
        assertThat(modelFor(turn("claude-sonnet-4-5", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},",
                "[" + IMAGE + "]"))).isEqualTo("think-model");
        assertThat(modelFor(turn("claude-sonnet-4-5", "\"thinking\":{\"type\":\"disabled\"},", "\"why?\"")))
                .isEqualTo("mock-model");
    }

    @Test
    void anImageInTheLastUserMessageGoesToTheImageRoute() throws Exception {
        assertThat(modelFor(turn("claude-sonnet-4-5", "", "[" + IMAGE + ",{\"type\":\"text\",\"text\":\"what is it?\"}]")))
                .isEqualTo("vision-model");
    }

    @Test
    void anImageEarlierInTheConversationDoesNotCount() throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":[" + IMAGE + "]},{\"role\":\"assistant\",\"content\":\"a cat\"},"
                + "{\"role\":\"user\",\"content\":\"thanks\"}]}";

        assertThat(modelFor(body)).isEqualTo("mock-model");
    }
}
