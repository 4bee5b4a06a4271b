package dev.conduit.server.logging;

import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import java.io.BufferedOutputStream;

/**
 * The console appender: standard output through a buffer, each line written at once until a
 * {@link LogFlusher} takes the lines over (the worker's, see {@link Logging}). Commands keep
 * writing each line at once, so their log lines and their own output stay in order.
 */
final class BufferedConsoleAppender<E> extends OutputStreamAppender<E> implements LogFlusher.HeldLines {

    /** Under load 100 ms hold about 1,000 access lines, 125 KB: a write per 64 KiB, not per line. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private volatile LogFlusher flusher;

    @Override
    public void start() {
        // System.out is looked up at each write, as Logback's console appender does
        setOutputStream(new BufferedOutputStream(ConsoleTarget.SystemOut.getStream(), BUFFER_BYTES));
        super.start();
    }

    @Override
    protected void subAppend(E event) {
        super.subAppend(event);
        LogFlusher holding = flusher;
        if (holding != null) {
            holding.lineHeld();
        }
    }

    /** Writes out what is held and never closes standard output. */
    @Override
    protected void closeOutputStream() {
        writeHeld(false);
    }

    @Override
    public void holdFor(LogFlusher flusher) {
        this.flusher = flusher; // first: a line held from the next statement on is told of
        LogFlusher.holdLines(this, streamWriteLock);
    }

    @Override
    public void writeHeld(boolean everyLine) {
        LogFlusher.writeHeld(this, streamWriteLock, everyLine);
    }
}
