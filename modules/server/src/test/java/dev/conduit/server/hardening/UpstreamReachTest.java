package dev.conduit.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conduit.config.ConfigException;
import dev.conduit.server.RunningGateway;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conduit sends requests only where the config says: not where a request names, not where a
 * provider redirects, and with DENY_PRIVATE_UPSTREAMS not to non-public addresses at all.
 */
class UpstreamReachTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", "");

    /** Where a hostile request or provider would like the request to go. */
    private static final MockUpstream elsewhere = new MockUpstream();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void forget() {
        elsewhere.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        elsewhere.close();
        HTTP.close();
    }

    private static HttpResponse<String> ask(String model, boolean stream) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":5,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestCannotNameItsUpstream() throws Exception {
        HttpResponse<String> response = ask(elsewhere.chatCompletionsUrl() + ",mock-model", false);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no provider named \\\"http://127.0.0.1");
        assertThat(elsewhere.received()).isEmpty();
        assertThat(gateway.upstream().received()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            gateway.upstream().enqueue(new MockReply.Whole(307, "text/plain", "moved",
                    Map.of("location", elsewhere.chatCompletionsUrl().toString())));

            HttpResponse<String> response = ask("mock-model", stream);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                    + "\"provider mock (model mock-model) answered 307, a redirect; Conduit does not follow redirects,"
                    + " so api_base_url must be the provider's final URL\"}}");
        }
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void denyingPrivateUpstreamsRefusesToStartWithAProviderOnLoopback() {
        ConfigException refused = catchThrowableOfType(ConfigException.class,
                () -> RunningGateway.start("DENY_PRIVATE_UPSTREAMS: true,", "").close());

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).containsPattern("config.json:\\d+:\\d+: Providers\\[0\\].api_base_url: points to"
                + " 127.0.0.1, which is not a public address; DENY_PRIVATE_UPSTREAMS forbids that");
    }
}
