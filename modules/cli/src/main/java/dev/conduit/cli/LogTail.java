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
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(mark, in.length() - 64 * 1024);
            byte[] bytes = new byte[(int) Math.max(0, in.length() - from)];
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
