package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With APIKEY set, clients must present it; the health probe stays open. */
class ApiKeyTest {

    private static final String KEY = "conduit-client-key-6f1e";
    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("APIKEY: '" + KEY + "',");

    private static HttpResponse<String> post(String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (header != null) {
            request.header(header, value);
        }
        return gateway.send(request.build());
    }

    @Test
    void withoutTheKeyTheRequestIs401AndNeverReachesTheProvider() throws Exception {
        HttpResponse<String> missing = post(null, null);
        HttpResponse<String> wrong = post("x-api-key", KEY + "x");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid API key: send Conduit's APIKEY as x-api-key or as Authorization: Bearer\"}}");
        assertThat(gateway.upstream.received()).isEmpty();
    }

    @Test
    void theKeyIsAcceptedAsXApiKeyAndAsBearerToken() throws Exception {
        assertThat(post("x-api-key", KEY).statusCode()).isEqualTo(200);
        assertThat(post("authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
        assertThat(post("authorization", "bearer " + KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void healthNeedsNoKey() throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
