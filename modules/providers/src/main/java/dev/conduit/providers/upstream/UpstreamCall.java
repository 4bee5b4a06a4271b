package dev.conduit.providers.upstream;

import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.providers.ClientGoneException;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One request to a provider, waited on by the request's own (virtual) thread. While it waits —
 * for the response head or the next piece of the body — its client's {@link CallWatcher} checks
 * every tick, in this order, that the client is still there, the worker is not past its drain
 * deadline, and the first-byte, stream-idle and total limits hold, and wakes the thread when one
 * does not, and after a {@link Pacing#quietWake()} without news, for keep-alive pings.
 * Whatever ends the call aborts the upstream request, so the provider stops generating and the
 * pool slot is freed.
 */
public final class UpstreamCall implements AutoCloseable {

    /** At most this many pieces of a body's tail are read on close; a body still flowing is aborted. */
    private static final int TAIL_PIECES = 4;
    private static final long NOT_WAITING = Long.MIN_VALUE;

    /** The limits of one call and how often they are checked. */
    record Limits(UpstreamTimeouts timeouts, Pacing pacing) {}

    private final Request request;
    private final Limits limits;
    private final String label;
    private final ClientLink link;
    private final CallWatcher watcher;
    private final Scheduler scheduler;
    private final Semaphore signal = new Semaphore(0);
    /** Held by the watcher while it checks the client, and by {@link #close()}: no probe after close. */
    private final Object watchLock = new Object();
    private final long sentAt = System.nanoTime();

    private volatile Response head;
    private volatile Content.Source body;
    private volatile Throwable failure;
    private volatile boolean demandPending;
    /** The request's head went out on a connection: from then on the upstream may have it. */
    private volatile boolean requestSent;
    /** Bytes of the body arrived; set by the thread that read them (see {@link WholeBody}). */
    private volatile boolean sawBody;
    private boolean firstByteTold;
    private volatile long lastBodyAt;
    /** The watcher found something the waiting thread must act on. */
    private volatile boolean attention;
    /** When the thread began its current wait, {@link #NOT_WAITING} while it does not wait. */
    private volatile long waitingSince = NOT_WAITING;
    /** The watcher woke the thread because it waited a quiet wake long, not because something came. */
    private volatile boolean quietDue;
    private boolean watched = true;
    private long lastCheckAt = System.nanoTime();
    private boolean complete;
    /** The caller has all of the answer it needs (a stream's last event); see {@link #answered()}. */
    private boolean answered;

    private UpstreamCall(Request request, Limits limits, String label, ClientLink link, CallWatcher watcher,
            Scheduler scheduler) {
        this.request = request;
        this.limits = limits;
        this.label = label;
        this.link = link;
        this.watcher = watcher;
        this.scheduler = scheduler;
    }

    static UpstreamCall send(Request request, Limits limits, String label, ClientLink link, CallWatcher watcher,
            Scheduler scheduler) {
        UpstreamCall call = new UpstreamCall(request, limits, label, link, watcher, scheduler);
        watcher.watch(call);
        request.onRequestCommit(committed -> call.requestSent = true);
        request.onResponseContentSource((response, source) -> {
            if (!WholeBody.collect(response, source, call::bodyArrived, whole -> call.receive(response, whole))) {
                call.receive(response, source);
            }
        });
        request.send(result -> {
            if (result.isFailed()) {
                call.failure = result.getFailure();
            }
            call.signal.release();
        });
        return call;
    }

    /** A call that ends with {@code cause} at once, without sending the request. */
    static UpstreamCall refused(Request request, Limits limits, String label, ClientLink link, CallWatcher watcher,
            Scheduler scheduler, Throwable cause) {
        UpstreamCall call = new UpstreamCall(request, limits, label, link, watcher, scheduler);
        call.failure = cause;
        call.signal.release();
        return call;
    }

    /** The head and what reads the body; the body first, so a thread that sees the head finds it. */
    private void receive(Response response, Content.Source source) {
        body = source;
        head = response;
        signal.release();
    }

    /** Bytes of the body arrived (read ahead by {@link WholeBody}, or by {@link #next}). */
    private void bodyArrived() {
        // the time first: a thread that sees sawBody must see when, or it would judge the
        // stream idle since the epoch
        lastBodyAt = System.nanoTime();
        sawBody = true;
    }

    /**
     * Waits for the response head. The limits and the client are checked after each wake-up, not
     * before the first wait: the request was sent a moment ago, and the watcher checks every tick.
     */
    public void awaitHead() {
        boolean waited = false;
        while (head == null) {
            if (failure != null) {
                throw describe(failure);
            }
            if (waited) {
                checkWhileWaiting();
            }
            await();
            waited = true;
        }
    }

    public int status() {
        return head.getStatus();
    }

    public Optional<String> retryAfter() {
        return Optional.ofNullable(head.getHeaders().get(HttpHeader.RETRY_AFTER));
    }

    public boolean isEventStream() {
        String type = head.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /**
     * Hands the next piece of the body to {@code consumer}, waiting for it as long as the limits
     * allow; {@code onQuiet} runs at every tick that brought nothing (for keep-alive pings).
     *
     * @return false at the end of the body
     */
    public boolean next(Consumer<ByteBuffer> consumer, Runnable onQuiet) {
        awaitHead();
        // an upstream that sends steadily (keep-alive comments, say) must not hide a client that left
        if (System.nanoTime() - lastCheckAt >= limits.pacing().tick().toNanos()) {
            checkWhileWaiting();
        }
        while (true) {
            // Jetty's contract: no read() while a demand is pending; breaking it corrupts the
            // connection's state, and a later request on it reads another response's bytes
            if (demandPending) {
                if (!await() || attention) {
                    checkWhileWaiting();
                    onQuiet.run();
                }
                continue;
            }
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                demandPending = true;
                body.demand(() -> {
                    demandPending = false;
                    signal.release();
                });
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    throw describe(chunk.getFailure());
                }
                boolean data = chunk.hasRemaining();
                if (data) {
                    if (!firstByteTold) {
                        firstByteTold = true;
                        link.upstreamFirstByte();
                    }
                    bodyArrived();
                    consumer.accept(chunk.getByteBuffer());
                }
                if (chunk.isLast()) {
                    complete = true;
                    return false;
                }
                if (data) {
                    return true;
                }
            } finally {
                chunk.release();
            }
        }
    }

    /** The whole body, failing past {@code limit} bytes. */
    public byte[] readAll(int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (next(piece -> append(out, piece), () -> { })) {
            if (out.size() > limit) {
                abort("answer too large");
                throw new UpstreamException(502, label + " answered with more than " + (limit >> 20) + " MiB",
                        UpstreamException.Kind.BAD_RESPONSE);
            }
        }
        return out.toByteArray();
    }

    /** Copies {@code piece} once: straight from its array when it has one, as heap buffers do. */
    private static void append(ByteArrayOutputStream out, ByteBuffer piece) {
        if (piece.hasArray()) {
            out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
        } else {
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            out.writeBytes(bytes);
        }
    }

    /** Up to {@code limit} bytes of the body, for error messages; never fails. */
    public byte[] readSome(int limit) {
        try {
            return readAll(limit);
        } catch (RuntimeException unreadable) {
            return new byte[0];
        }
    }

    /**
     * Waits for news or the watcher; false when the watcher ended a quiet wake. Untimed: a timed
     * park of a virtual thread schedules a timeout on the JDK's delay scheduler thread and cancels
     * it on wake-up, two more thread wake-ups per wait — a tenth of the gateway's CPU per request.
     */
    private boolean await() {
        long start = System.nanoTime();
        waitingSince = start;
        try {
            signal.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
            throw new UpstreamException(502, label + ": the request was interrupted", UpstreamException.Kind.CONNECT);
        } finally {
            waitingSince = NOT_WAITING;
            link.upstreamWaited(System.nanoTime() - start);
        }
        if (quietDue) {
            quietDue = false;
            return false;
        }
        return true;
    }

    private void checkWhileWaiting() {
        attention = false;
        lastCheckAt = System.nanoTime();
        if (link.clientGone()) {
            abort("client went away");
            throw new ClientGoneException("the client went away while " + label + " was answering");
        }
        if (link.mustStop()) {
            abort("worker draining");
            throw new UpstreamException(503, "server is restarting", Optional.of("1"), UpstreamException.Kind.DRAINING);
        }
        switch (limitPassed(System.nanoTime())) {
            case NONE -> { }
            case TOTAL -> {
                abort("total timeout");
                throw new UpstreamException(504, label + " did not finish within "
                        + UpstreamFailures.seconds(limits.timeouts().total()) + " (API_TIMEOUT_MS)",
                        UpstreamException.Kind.TIMEOUT);
            }
            case FIRST_BYTE -> {
                abort("first byte timeout");
                throw new UpstreamException(504, label + " sent nothing within "
                        + UpstreamFailures.seconds(limits.timeouts().firstByte()) + " (FIRST_BYTE_TIMEOUT_MS)",
                        UpstreamException.Kind.TIMEOUT);
            }
            case STREAM_IDLE -> {
                abort("stream idle timeout");
                throw new UpstreamException(504, label + " went silent for "
                        + UpstreamFailures.seconds(limits.timeouts().streamIdle()) + " mid-answer (STREAM_IDLE_TIMEOUT_MS)",
                        UpstreamException.Kind.TIMEOUT);
            }
        }
    }

    /** Which of the call's limits has passed at {@code now}, the total one first. */
    private Limit limitPassed(long now) {
        UpstreamTimeouts timeouts = limits.timeouts();
        if (now - sentAt > timeouts.total().toNanos()) {
            return Limit.TOTAL;
        }
        boolean bodyCame = sawBody;
        if (!bodyCame && now - sentAt > timeouts.firstByte().toNanos()) {
            return Limit.FIRST_BYTE;
        }
        if (bodyCame && now - lastBodyAt > timeouts.streamIdle().toNanos()) {
            return Limit.STREAM_IDLE;
        }
        return Limit.NONE;
    }

    private enum Limit { NONE, TOTAL, FIRST_BYTE, STREAM_IDLE }

    /**
     * The watcher's check, on its thread: wakes the waiting thread when it has to end the call, or
     * when it has waited a quiet wake for nothing. The client is probed under {@link #watchLock},
     * so that once {@link #close()} returned its socket is never probed again — the client may
     * then already be sending its next request on it.
     */
    void wakeIfNeeded() {
        long now = System.nanoTime();
        synchronized (watchLock) {
            if (!watched) {
                return;
            }
            if (link.clientGone() || link.mustStop() || limitPassed(now) != Limit.NONE) {
                wake();
                return;
            }
        }
        long since = waitingSince;
        if (since != NOT_WAITING && now - since >= limits.pacing().quietWake().toNanos()) {
            quietDue = true;
            signal.release();
        }
    }

    /** Wakes the waiting thread to check the call for itself. */
    void wake() {
        attention = true;
        signal.release();
    }

    /** Says what went wrong in the words a user can act on, without stack traces. */
    private UpstreamException describe(Throwable cause) {
        return UpstreamFailures.describe(cause, request.getURI(), label, limits.timeouts(), sawBody, requestSent);
    }

    private void abort(String why) {
        abort(new IOException("aborted by Conduit: " + why));
    }

    private void abort(IOException cause) {
        request.abort(cause);
    }

    /**
     * Ends the call. One whose body was read to the end is left alone: its connection is already
     * back in the pool, serving someone else. A stream whose translation ended with its last event
     * has usually received the rest of its body too (the end of the chunked encoding): reading it
     * here, without waiting, returns the connection to the pool instead of closing it, so the next
     * stream does not pay for a new connection and TLS handshake. A finished answer whose end is
     * still on its way gets a tick for it ({@link #answered()}); anything else is aborted.
     */
    @Override
    public void close() {
        synchronized (watchLock) {
            watched = false;
        }
        watcher.forget(this);
        if (complete || endedWithoutWaiting()) {
            return;
        }
        if (answered && body != null && !demandPending) {
            // the end of the chunked encoding is often a moment behind the last event: read it off
            // this thread, and abort only if it is not there within a tick
            Scheduler.Task late = scheduler.schedule(() -> abort("the answer's end did not follow its last event"),
                    limits.pacing().tick().toMillis(), TimeUnit.MILLISECONDS);
            body.demand(() -> readTail(late));
            return;
        }
        abort(new IOException("call closed before its answer was read"));
    }

    /**
     * Marks the answer as complete for the caller (its stream's last event came): closing the call
     * then lets the rest of the body arrive instead of aborting it.
     */
    public void answered() {
        answered = true;
    }

    /** Reads a finished answer's tail as Jetty delivers it, until its end or a failure. */
    private void readTail(Scheduler.Task late) {
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                body.demand(() -> readTail(late));
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk) || chunk.isLast()) {
                    late.cancel();
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }

    /** Reads what is left of the body if all of it is here already; true when that reached its end. */
    private boolean endedWithoutWaiting() {
        if (body == null || demandPending) {
            return false;
        }
        for (int piece = 0; piece < TAIL_PIECES; piece++) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                return false;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    return false;
                }
                if (chunk.isLast()) {
                    complete = true;
                    return true;
                }
            } finally {
                chunk.release();
            }
        }
        return false;
    }
}
