package dev.conduit.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.server.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any body, sent over HTTP to either API, is answered: a valid request with 200, anything else
 * with a 4xx in that API's envelope, never a 5xx (the provider here always answers well).
 */
class MalformedRequestsFuzzTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", "");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @FuzzTest(maxDuration = "5m")
    void messages(byte[] body) throws Exception {
        JsonNode error = send("/v1/messages", body);
        if (error != null) {
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("error").path("type").asString()).isNotEmpty();
            assertThat(error.path("error").path("message").asString()).isNotEmpty();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void chatCompletions(byte[] body) throws Exception {
        JsonNode error = send("/v1/chat/completions", body);
        if (error != null) {
            assertThat(error.has("type")).isFalse();
            assertThat(error.path("error").path("type").asString()).isNotEmpty();
            assertThat(error.path("error").path("message").asString()).isNotEmpty();
        }
    }

    /** The error body, or null for a 200; fails on anything but 200 or a 4xx. */
    private static JsonNode send(String path, byte[] body) throws Exception {
        try (var allowed = BugDetectors.allowNetworkConnections()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            return JSON.readTree(response.body());
        }
    }
}
