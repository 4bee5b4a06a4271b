package dev.conduit.routing;

import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.Locale;

/**
 * One request's input tokens, worked out only as far as each question needs. claude-code-router
 * tokenizes every request whole; here a question "more than N?" is answered by the first of
 * these that is conclusive:
 * <ol>
 *   <li>the body's size: every token is at least one byte of it, so a body of at most N bytes
 *       has at most N tokens;</li>
 *   <li>{@link TokenEstimator}: an estimate {@value #MARGIN} times below N or above it is
 *       conclusive, since on real text the count stays well within that factor of it;</li>
 *   <li>the exact count, once per request (and cheap for text the counter has seen before).</li>
 * </ol>
 */
final class TokenGauge {

    static final int MARGIN = 3;

    private final MessagesRequest request;
    private final TokenCounter counter;
    private final long bodyBytes;
    private long estimate = -1;
    private long exact = -1;

    /** @param bodyBytes the size of the body the request was read from, or -1 when unknown */
    TokenGauge(MessagesRequest request, TokenCounter counter, long bodyBytes) {
        this.request = request;
        this.counter = counter;
        this.bodyBytes = bodyBytes;
    }

    /** Whether the request has more than {@code limit} input tokens. */
    boolean above(long limit) {
        if (exact >= 0) {
            return exact > limit;
        }
        if (bodyBytes >= 0 && bodyBytes <= limit) {
            return false;
        }
        if (estimate < 0) {
            estimate = TokenEstimator.estimate(request);
        }
        if (estimate * MARGIN <= limit) {
            return false;
        }
        if (estimate >= limit * MARGIN) {
            return true;
        }
        exact = counter.count(request);
        return exact > limit;
    }

    /** What is known so far, for explanations: {@code 61,200 (counted)}, {@code about 3,100 (estimated)}. */
    String describe() {
        if (exact >= 0) {
            return number(exact) + " (counted)";
        }
        if (estimate >= 0) {
            return "about " + number(estimate) + " (estimated)";
        }
        if (bodyBytes >= 0) {
            return "at most " + number(bodyBytes) + " (the body's size in bytes)";
        }
        return "not worked out";
    }

    /** The count if it was made, else -1. */
    long counted() {
        return exact;
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
