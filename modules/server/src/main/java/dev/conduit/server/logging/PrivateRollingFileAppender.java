package dev.conduit.server.logging;

import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.conduit.config.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A rolling log file that only its user can read: its folder is 0700, and each file it opens, the
 * first and every one after a rollover, is created 0600 before Logback writes to it. Its lines
 * are written out in batches by a {@link LogFlusher}.
 */
final class PrivateRollingFileAppender<E> extends RollingFileAppender<E> implements LogFlusher.HeldLines {

    private volatile LogFlusher flusher;

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        PrivateFiles.folder(file.getParent());
        PrivateFiles.file(file);
        super.openFile(fileName);
    }

    @Override
    protected void subAppend(E event) {
        super.subAppend(event);
        LogFlusher holding = flusher;
        if (holding != null) {
            holding.lineHeld();
        }
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
