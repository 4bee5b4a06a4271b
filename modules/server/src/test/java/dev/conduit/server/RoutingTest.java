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

/** Real requests through a real worker reach the provider their route names, without the router's tags. */
class RoutingTest {

    private static final String TAG = "<CCR-SUBAGENT-MODEL>claude,claude-sonnet-4-5</CCR-SUBAGENT-MODEL>";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'background', api_base_url: '{upstream}', models: ['bg-model']},
            {name: 'long', api_base_url: '{upstream}', models: ['long-model']},
            {name: 'claude', api_base_url: '{origin}/v1/messages', api_key: 'sk-ant-mock', models: ['claude-sonnet-4-5'],
             transformer: {use: ['Anthropic']}},
            """, """
            {default: 'mock,mock-model', background: 'background,bg-model', longContext: 'long,long-model',
             rules: [{name: 'team-claude', when: {headers: {'x-team': 'claude'}}, target: 'claude,claude-sonnet-4-5'}]}""");

    private static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return gateway.send(request.build());
    }

    private static String anthropicAnswer() {
        return """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"ok"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}""";
    }

    @Test
    void aHaikuRequestReachesTheBackgroundProvider() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 10, 1)));

        HttpResponse<String> response = post("""
                {"model":"claude-haiku-4-5-20251001","max_tokens":20,"messages":[{"role":"user","content":"title?"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue()).isEqualTo("bg-model");
    }

    @Test
    void theSubagentTagChoosesTheProviderAndNeverReachesIt() throws Exception {
        ObjectNode body = (ObjectNode) ClaudeCodeFixtures.body(ClaudeCodeFixtures.PRINT).deepCopy();
        body.put("stream", false);
        ObjectNode agentPrompt = ((ArrayNode) body.get("system")).addObject();
        agentPrompt.put("type", "text").put("text", "You review code. " + TAG);
        gateway.upstream.enqueue(MockReply.json(200, anthropicAnswer()));

        HttpResponse<String> response = post(body.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.body().toString()).doesNotContain("CCR-SUBAGENT-MODEL");
        JsonNode system = upstream.body().get("system");
        assertThat(system.get(system.size() - 1).get("text").stringValue()).isEqualTo("You review code. ");
        assertThat(system.size()).isEqualTo(4);
    }

    @Test
    void theSubagentTagIsAlsoRemovedFromTranslatedRequests() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 10, 1)));

        post("""
                {"model":"claude-sonnet-4-5","max_tokens":20,"system":[{"type":"text","text":"x"},
                 {"type":"text","text":"Be brief.<CCR-SUBAGENT-MODEL>background,bg-model</CCR-SUBAGENT-MODEL>"}],
                 "messages":[{"role":"user","content":"hi"}]}""");

        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.body().get("model").stringValue()).isEqualTo("bg-model");
        assertThat(upstream.body().toString()).doesNotContain("CCR-SUBAGENT-MODEL").contains("Be brief.");
    }

    @Test
    void aRuleOnAHeaderRoutesTheRequest() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, anthropicAnswer()));

        HttpResponse<String> response = post("""
                {"model":"claude-sonnet-4-5","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""",
                "x-team", "claude");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(gateway.upstream.takeRequest(5, TimeUnit.SECONDS).path()).isEqualTo("/v1/messages");
    }

    @Test
    void aSessionWhoseLastRequestWasLongStaysOnTheLongContextProvider() throws Exception {
        String session = "{\"user_id\":\"user_1_account__session_routing-test\"}";
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 75_000, 1)));
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 30_000, 1)));
        String mediumTurn = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,\"metadata\":" + session
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + " hello".repeat(25_000) + "\"}]}";

        post(mediumTurn);
        post(mediumTurn);

        assertThat(gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue()).isEqualTo("mock-model");
        assertThat(gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue()).isEqualTo("long-model");
    }
}
