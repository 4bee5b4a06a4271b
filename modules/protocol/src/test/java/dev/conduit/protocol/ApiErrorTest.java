package dev.conduit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiErrorTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(textBlock = """
            400, invalid_request_error, invalid_request_error
            401, authentication_error,  authentication_error
            403, permission_error,      permission_error
            404, not_found_error,       not_found_error
            413, request_too_large,     invalid_request_error
            422, invalid_request_error, invalid_request_error
            429, rate_limit_error,      rate_limit_error
            500, api_error,             server_error
            502, api_error,             server_error
            503, overloaded_error,      server_error
            504, api_error,             server_error
            529, overloaded_error,      server_error
            """)
    void eachStatusHasTheTypesBothApisUse(int status, String anthropicType, String openAiType) {
        ApiError error = ApiError.of(status, "m");

        assertThat(ApiError.anthropicType(status)).isEqualTo(anthropicType);
        assertThat(error.type()).isEqualTo(anthropicType);
        assertThat(error.openAiType()).isEqualTo(openAiType);
    }

    @Test
    void invalidRequestIsA400() {
        assertThat(ApiError.invalidRequest("bad")).isEqualTo(new ApiError(400, "invalid_request_error", "bad", Optional.empty()));
    }

    @Test
    void retryAfterIsCarriedThrough() {
        assertThat(ApiError.of(429, "slow down", Optional.of("30")).retryAfter()).contains("30");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 302, 399, 600})
    void onlyErrorStatusesAreAccepted(int status) {
        assertThatThrownBy(() -> ApiError.of(status, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an error status: " + status);
    }
}
