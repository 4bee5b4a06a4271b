package dev.conduit.server.logging;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the worker's log lines out in batches. Under load every request logs an access line,
 * and a write system call for each was 3.6% of the worker's CPU (async-profiler, {@code wrk -c32});
 * the worker's appenders hold their lines instead, and this daemon thread writes out what they
 * hold {@link #DELAY} after the first line, in one write. The price: a worker killed with SIGKILL,
 * or crashing, loses the lines of its last 100 ms; an orderly exit writes everything out (a
 * shutdown hook), and every line after that at once. An idle worker's flusher sleeps until a line
 * is held.
 */
final class LogFlusher {

    static final Duration DELAY = Duration.ofMillis(100);

    private final CopyOnWriteArrayList<HeldLines> appenders = new CopyOnWriteArrayList<>();
    private final AtomicBoolean holding = new AtomicBoolean();
    private final Thread thread = Thread.ofPlatform().name("log-flusher").daemon().unstarted(this::run);

    private LogFlusher() {}

    /** A flusher whose thread runs and whose shutdown hook writes everything out at exit. */
    static LogFlusher start() {
        LogFlusher flusher = new LogFlusher();
        flusher.thread.start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("log-flush-at-exit")
                .unstarted(() -> flusher.appenders.forEach(appender -> appender.writeHeld(true))));
        return flusher;
    }

    /** From now on {@code appender} holds its lines for this flusher; a second call changes nothing. */
    void hold(HeldLines appender) {
        if (appenders.addIfAbsent(appender)) {
            appender.holdFor(this);
        }
    }

    /** An appender holds a line: it is written out within {@link #DELAY}. */
    void lineHeld() {
        // a read first: under load the flag is already set, and most lines need no atomic update
        if (!holding.get() && holding.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            while (!holding.get()) {
                LockSupport.park(this);
            }
            try {
                Thread.sleep(DELAY);
            } catch (InterruptedException interrupted) {
                // nobody interrupts it; if someone did, no line may be left held without a flusher
                appenders.forEach(appender -> appender.writeHeld(true));
                return;
            }
            // cleared before the write: a line held meanwhile is written now or in the next round
            holding.set(false);
            appenders.forEach(appender -> appender.writeHeld(false));
        }
    }

    /** Makes {@code appender}, whose writes take {@code streamWriteLock}, hold its lines from now on. */
    static void holdLines(OutputStreamAppender<?> appender, Lock streamWriteLock) {
        streamWriteLock.lock();
        try {
            appender.setImmediateFlush(false);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /**
     * Writes out the lines {@code appender} holds, under the lock its writes take; with
     * {@code everyLine}, it writes each line at once from now on.
     */
    static void writeHeld(OutputStreamAppender<?> appender, Lock streamWriteLock, boolean everyLine) {
        streamWriteLock.lock();
        try {
            if (everyLine) {
                appender.setImmediateFlush(true);
            }
            OutputStream out = appender.getOutputStream();
            if (out != null) {
                out.flush();
            }
        } catch (IOException failed) {
            appender.addError("could not write the log lines out", failed);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /** An appender whose lines a {@link LogFlusher} writes out. */
    interface HeldLines {

        /** From now on, hold the lines and tell {@code flusher} of each. */
        void holdFor(LogFlusher flusher);

        /** Writes out the lines held; with {@code everyLine}, each line at once from now on. */
        void writeHeld(boolean everyLine);
    }
}
