package dev.conduit.watchdog.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Reads a worker from outside: resident memory and run state from {@code /proc} (Linux), and a
 * thread dump by SIGQUIT, which the JVM answers by printing its threads to its console (the
 * worker's console file); the dump is copied from there into a file of its own.
 */
public final class ProcfsInspector implements WorkerInspector {

    private static final Duration DUMP_WAIT = Duration.ofSeconds(3);
    private static final String DUMP_START = "Full thread dump";
    /** The last line HotSpot prints in a thread dump. */
    private static final String DUMP_END = "JNI global refs";

    private final Path console;
    private final Path logs;
    private final InstantSource clock;

    /** @param console the file the workers' console goes to */
    public ProcfsInspector(Path console, Path logs, InstantSource clock) {
        this.console = console;
        this.logs = logs;
        this.clock = clock;
    }

    @Override
    public long residentBytes(long pid) {
        return statusField(pid, "VmRSS:")
                .map(value -> Long.parseLong(value.replace("kB", "").strip()) * 1024)
                .orElse(-1L);
    }

    @Override
    public boolean stopped(long pid) {
        return statusField(pid, "State:").map(state -> state.startsWith("T")).orElse(false);
    }

    @Override
    public Optional<String> saveThreadDump(long pid) {
        try {
            long from = Files.exists(console) ? Files.size(console) : 0;
            if (!Signals.send("QUIT", pid)) {
                return Optional.of("no thread dump: SIGQUIT could not be sent");
            }
            Optional<String> dump = awaitDump(from);
            if (dump.isEmpty()) {
                return Optional.of("no thread dump: the JVM did not answer SIGQUIT within " + DUMP_WAIT.toSeconds() + " s");
            }
            String stamp = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path file = logs.resolve("thread-dump-" + pid + "-" + stamp + ".txt");
            Files.writeString(file, dump.get());
            return Optional.of("thread dump saved to " + file);
        } catch (IOException e) {
            return Optional.of("no thread dump: " + e.getMessage());
        }
    }

    /** Waits for a whole dump to appear in the console after {@code from}. */
    private Optional<String> awaitDump(long from) throws IOException {
        long deadline = System.nanoTime() + DUMP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String written = readFrom(from);
            int start = written.indexOf(DUMP_START);
            int last = start < 0 ? -1 : written.indexOf(DUMP_END, start);
            int end = last < 0 ? -1 : written.indexOf('\n', last);
            if (end > 0) {
                return Optional.of(written.substring(start, end + 1));
            }
            try {
                Thread.sleep(50); // the JVM writes the dump from its own thread; the file is all there is to watch
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String readFrom(long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(console.toFile(), "r")) {
            long length = Math.min(file.length() - from, 16L << 20);
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) length];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Optional<String> statusField(long pid, String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return lines.stream().filter(line -> line.startsWith(field))
                    .map(line -> line.substring(field.length()).strip()).findFirst();
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return Optional.empty();
        }
    }
}
