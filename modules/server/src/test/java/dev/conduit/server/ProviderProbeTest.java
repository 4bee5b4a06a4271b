package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Providers that ask for active probes get a free GET of their model list, never a completion. */
class ProviderProbeTest {

    private static final int CLOSED_PORT = LocalPorts.unused();

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'probed', api_base_url: '{upstream}', api_key: 'sk-probe-key-0123456789abcdef', models: ['m'], probe_interval_ms: 200},
            {name: 'down', api_base_url: 'http://127.0.0.1:%d/v1/chat/completions', models: ['m'], probe_interval_ms: 200},
            """.formatted(CLOSED_PORT));

    @Test
    void aProbeIsAGetOfTheModelListAndAFailedOneMakesItsProviderUnhealthy() throws Exception {
        RecordedRequest probe = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(probe.method()).isEqualTo("GET");
        assertThat(probe.path()).isEqualTo("/v1/models");
        assertThat(probe.header("authorization")).isEqualTo("Bearer sk-probe-key-0123456789abcdef");

        JsonNode down = awaitProvider("down", "unhealthy");
        assertThat(down.get("reason").stringValue()).isEqualTo(
                "the last probe failed: connection refused by 127.0.0.1:" + CLOSED_PORT);
        assertThat(awaitProvider("probed", "healthy").get("lastProbe").stringValue()).isEqualTo("ok");
        assertThat(gateway.upstream.received()).allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
    }

    private static JsonNode awaitProvider(String name, String status) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode providers = Json.MAPPER.readTree(gateway.send(HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/health/detailed")).GET().build()).body()).get("providers");
            for (JsonNode provider : providers) {
                if (provider.get("provider").stringValue().equals(name)
                        && provider.get("status").stringValue().equalsIgnoreCase(status)) {
                    return provider;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("provider " + name + " was not " + status + " within 5 s: " + providers);
            }
            Thread.sleep(50);
        }
    }
}
