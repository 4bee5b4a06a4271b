package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without APIKEY, Conduit listens on loopback only, whatever HOST asks for. */
class ListenerTest {

    @Test
    void aPublicHostWithoutApiKeyFallsBackToLoopback() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("HOST: '0.0.0.0',")) {
            assertThat(gateway.worker.config().host()).isEqualTo("127.0.0.1");
            assertThat(gateway.postJson("/v1/messages/count_tokens",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}").body())
                    .isEqualTo("{\"input_tokens\":2}");
        }
    }
}
