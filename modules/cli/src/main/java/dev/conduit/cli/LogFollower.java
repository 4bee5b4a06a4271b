package dev.conduit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * Prints the lines written to a log file as they come, like {@code tail -F}: when the file is
 * moved away (rotation) or truncated, the new one is read from its start.
 */
final class LogFollower {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Path file;
    private final PrintStream out;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

    LogFollower(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    /** Follows until interrupted, starting at byte {@code start}. */
    void follow(long start) throws IOException, InterruptedException {
        Object identity = identity();
        long position = start;
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(POLL);
            Object current = identity();
            if (current == null) {
                continue;
            }
            long size = Files.size(file);
            if (!Objects.equals(current, identity) || size < position) {
                identity = current;
                position = 0;
            }
            position = printFrom(position);
        }
    }

    /** The file's identity (inode where the system has one), or null while it is missing. */
    private Object identity() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (NoSuchFileException rotating) {
            return null;
        }
    }

    private long printFrom(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(position);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long read = position;
            int count;
            while ((count = channel.read(buffer)) > 0) {
                read += count;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte next = buffer.get();
                    if (next == '\n') {
                        out.println(partialLine.toString(StandardCharsets.UTF_8));
                        partialLine.reset();
                    } else if (next != '\r') {
                        partialLine.write(next);
                    }
                }
                buffer.clear();
            }
            out.flush();
            return read;
        } catch (NoSuchFileException rotating) {
            return position;
        }
    }
}
