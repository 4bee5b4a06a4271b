package dev.conduit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorEnvelopesTest {

    @Test
    void anthropicEnvelope() {
        byte[] body = ErrorEnvelopes.anthropicBytes(ApiError.of(429, "provider p is rate limited: \"slow down\""));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"provider p is rate limited: \\\"slow down\\\"\"}}");
    }

    @Test
    void anthropicEnvelopeWithAnyType() {
        assertThat(ErrorEnvelopes.anthropic("overloaded_error", "busy").toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}");
    }

    @Test
    void openAiEnvelopeCarriesTheAnthropicTypeAsCode() {
        assertThat(new String(ErrorEnvelopes.openAiBytes(ApiError.of(529, "busy")), StandardCharsets.UTF_8)).isEqualTo(
                "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"param\":null,\"code\":\"overloaded_error\"}}");
        assertThat(new String(ErrorEnvelopes.openAiBytes(ApiError.invalidRequest("messages: field required")), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"message\":\"messages: field required\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_request_error\"}}");
    }
}
