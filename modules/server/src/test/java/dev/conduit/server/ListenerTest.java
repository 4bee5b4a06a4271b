package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without APIKEY, Conduit listens on loopback only, whatever HOST asks for. */
class ListenerTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.1.2.3", "192.168.1.10"})
    void aNonLoopbackHostWithoutApiKeyFallsBackToLoopback(String host) throws Exception {
        try (RunningGateway gateway = RunningGateway.start("HOST: '" + host + "',")) {
            assertThat(gateway.worker.config().host()).isEqualTo("127.0.0.1");
            assertThat(gateway.postJson("/v1/messages/count_tokens",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}").body())
                    .isEqualTo("{\"input_tokens\":2}");
        }
    }
}
