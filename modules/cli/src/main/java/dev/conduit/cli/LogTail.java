package dev.conduit.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, optionally only of what was written after a mark. */
final class LogTail {

    private LogTail() {}

    static long mark(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** At most {@code count} last lines written to {@code file} after {@code mark}. */
    static List<String> lines(Path file, long mark, int count) {
        return between(file, mark, Long.MAX_VALUE, count);
    }

    /** At most {@code count} last lines of the first {@code end} bytes of {@code file}. */
    static List<String> linesBefore(Path file, long end, int count) {
        return between(file, 0, end, count);
    }

    private static List<String> between(Path file, long mark, long end, int count) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long to = Math.min(end, in.length());
            long from = Math.max(mark, to - 64 * 1024);
            byte[] bytes = new byte[(int) Math.max(0, to - from)];
            in.seek(from);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                    .filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
