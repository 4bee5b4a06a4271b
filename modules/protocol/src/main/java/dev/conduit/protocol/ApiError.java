package dev.conduit.protocol;

import java.util.Optional;

/**
 * An error as the client sees it: HTTP status, the API's error type and a message. {@code
 * retryAfter} carries an upstream's {@code Retry-After} value through unchanged.
 */
public record ApiError(int status, String type, String message, Optional<String> retryAfter) {

    public ApiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, anthropicType(status), message, Optional.empty());
    }

    public static ApiError of(int status, String message, Optional<String> retryAfter) {
        return new ApiError(status, anthropicType(status), message, retryAfter);
    }

    public static ApiError invalidRequest(String message) {
        return of(400, message);
    }

    /** The Anthropic error type the Anthropic API itself uses for an HTTP status. */
    public static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    /** The OpenAI error type for the same status, as OpenAI's API names it. */
    public String openAiType() {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status < 500 ? "invalid_request_error" : "server_error";
        };
    }
}
