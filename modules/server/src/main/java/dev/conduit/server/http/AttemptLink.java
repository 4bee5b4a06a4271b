package dev.conduit.server.http;

import dev.conduit.providers.ClientLink;
import dev.conduit.providers.UpstreamException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The client side of one upstream attempt: the request's own link, plus what the attempt learns
 * on the way — when the upstream's first byte came, whether the answer reached the client (after
 * which nothing may be retried), and whether it broke after that.
 */
final class AttemptLink implements ClientLink {

    private final ClientLink client;
    private final Consumer<Duration> onAnswerBegan;
    private final long startedAt = System.nanoTime();
    private long firstByteAt;
    private boolean began;
    private UpstreamException.Kind brokenBy;

    /** @param onAnswerBegan told once, with the time to first byte, when the answer begins */
    AttemptLink(ClientLink client, Consumer<Duration> onAnswerBegan) {
        this.client = client;
        this.onAnswerBegan = onAnswerBegan;
    }

    @Override
    public boolean clientGone() {
        return client.clientGone();
    }

    @Override
    public boolean mustStop() {
        return client.mustStop();
    }

    @Override
    public void upstreamWaited(long nanos) {
        client.upstreamWaited(nanos);
    }

    @Override
    public void upstreamFirstByte() {
        if (firstByteAt == 0) {
            firstByteAt = System.nanoTime();
        }
    }

    /** The answer began: its first bytes reached the client, or a whole answer came back. */
    void answerBegan() {
        if (!began) {
            began = true;
            long end = firstByteAt == 0 ? System.nanoTime() : firstByteAt;
            onAnswerBegan.accept(Duration.ofNanos(end - startedAt));
        }
    }

    /** Whether anything of this attempt's answer reached the client. */
    boolean began() {
        return began;
    }

    /** The upstream failed after the answer began; the client gets an in-band error. */
    void brokeAfterStart(UpstreamException.Kind kind) {
        brokenBy = kind;
    }

    /** Why the answer broke after it began, or null. */
    UpstreamException.Kind brokenBy() {
        return brokenBy;
    }
}
