package dev.conduit.health;

/**
 * Why an upstream attempt failed, as the {@code kind} label of the error metrics. Kinds that
 * {@linkplain #countsAsFailure() count as failures} make a request failed and weigh on the
 * provider's health; other 4xx answers are usually the client's own mistake and do not.
 */
public enum UpstreamErrorKind {
    CONNECT("connect", true),
    TIMEOUT("timeout", true),
    AUTH("auth", true),
    RATE_LIMITED("rate_limited", true),
    STATUS_4XX("status_4xx", false),
    STATUS_5XX("status_5xx", true),
    STREAM_BROKEN("stream_broken", true),
    BAD_RESPONSE("bad_response", true);

    private final String label;
    private final boolean countsAsFailure;

    UpstreamErrorKind(String label, boolean countsAsFailure) {
        this.label = label;
        this.countsAsFailure = countsAsFailure;
    }

    /** The kind of an upstream answer with this HTTP status (401/403 auth, 429 rate limited). */
    public static UpstreamErrorKind ofStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500) {
            return STATUS_5XX;
        }
        if (status >= 400) {
            return STATUS_4XX;
        }
        throw new IllegalArgumentException("not an error status: " + status);
    }

    public String label() {
        return label;
    }

    public boolean countsAsFailure() {
        return countsAsFailure;
    }
}
