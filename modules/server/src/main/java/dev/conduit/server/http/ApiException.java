package dev.conduit.server.http;

import dev.conduit.protocol.ApiError;

/** Ends a request with an error response; thrown from anywhere in a handler. */
final class ApiException extends RuntimeException {

    private final ApiError error;

    ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiException(int status, String message) {
        this(ApiError.of(status, message));
    }

    ApiError error() {
        return error;
    }
}
