package dev.conduit.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the mock upstream answers to one request. */
public sealed interface MockReply {

    /** A whole response with a status, a body and extra headers. */
    record Whole(int status, String contentType, String body, Map<String, String> headers) implements MockReply {}

    /**
     * A server-sent-event stream: each element of {@code writes} is written and flushed on its
     * own, {@code pause} after the one before (an empty first write sends only the response
     * head). With {@code cut}, the connection is dropped after the last write instead of ending
     * the response.
     */
    record Stream(List<String> writes, Duration pause, boolean cut) implements MockReply {}

    /**
     * An event stream given as raw bytes: each element is written and flushed on its own, so a
     * write may end anywhere, inside a {@code data:} line, between {@code \r} and {@code \n} or
     * inside a UTF-8 character. With {@code cut}, the connection is dropped after the last write.
     */
    record ByteStream(List<byte[]> writes, boolean cut) implements MockReply {
        public ByteStream {
            writes = List.copyOf(writes);
        }
    }

    /**
     * A whole JSON answer with its {@code Content-Length}, written in two halves {@code pause}
     * apart, as a slow provider's answer arrives in pieces. With {@code cut}, the connection is
     * dropped after the first half.
     */
    record WholeInHalves(String body, Duration pause, boolean cut) implements MockReply {}

    /**
     * Writes {@code writes} (none: not even the response head) and then holds the request open
     * until the caller goes away, as a provider does while it thinks; the mock records when it
     * noticed (see {@link MockUpstream#awaitCancellation}).
     */
    record Hang(List<String> writes) implements MockReply {}

    /** {@code reply}, after thinking for {@code delay}. */
    record Delayed(Duration delay, MockReply reply) implements MockReply {}

    /** Drops the connection once the request has arrived, without answering: the caller's request was sent. */
    record Reset() implements MockReply {}

    /** An error in OpenAI's envelope, with {@code Retry-After} when it is not null. */
    static MockReply error(int status, String retryAfter) {
        String body = "{\"error\":{\"message\":\"mock upstream failing on command with " + status + "\"}}";
        return json(status, body, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter));
    }

    static MockReply json(int status, String body) {
        return new Whole(status, "application/json", body, Map.of());
    }

    static MockReply json(int status, String body, Map<String, String> headers) {
        return new Whole(status, "application/json", body, headers);
    }

    /** An OpenAI-style stream: each chunk as {@code data: …}, then {@code data: [DONE]}. */
    static MockReply sse(List<String> chunks) {
        return new Stream(OpenAiChunks.frame(chunks, true), Duration.ZERO, false);
    }

    /** {@code bytes} split at {@code splits} (ascending offsets), each piece written and flushed on its own. */
    static MockReply splitStream(byte[] bytes, int... splits) {
        List<byte[]> writes = new java.util.ArrayList<>(splits.length + 1);
        int from = 0;
        for (int split : splits) {
            writes.add(java.util.Arrays.copyOfRange(bytes, from, split));
            from = split;
        }
        writes.add(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
        return new ByteStream(writes, false);
    }

    /** Sends the chunks, then drops the connection without {@code [DONE]}. */
    static MockReply sseCut(List<String> chunks) {
        return new Stream(OpenAiChunks.frame(chunks, false), Duration.ZERO, true);
    }
}
