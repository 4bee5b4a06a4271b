package dev.conduit.providers.upstream;

/** A stream translator as {@link StreamRelay} drives it, whatever the provider's format. */
public interface StreamTranslation {

    /** Whether {@code message_start} went out, after which failures can only be reported in-band. */
    boolean started();

    boolean finished();

    /** Starts the client's stream now, so keep-alive pings can flow before the first token. */
    void ensureStarted();

    /** The upstream connection ended: a clean end after a finish reason, an in-band error before. */
    void onEnd(String provider);

    /** Ends the stream with an in-band error event of {@code type}. */
    void fail(String type, String message);
}
