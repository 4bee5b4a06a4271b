package dev.conduit.watchdog;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The supervisor's files under the Conduit home: {@code run/} (lock, pid files, control socket;
 * readable by the owner only) and {@code logs/}. Pid files are written whole (temp file, then
 * move) and never trusted blindly: {@link #liveRecord} checks the process and its start time.
 */
public final class RunDirectory {

    private final Path home;

    private RunDirectory(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    public static RunDirectory of(Path home) {
        return new RunDirectory(home);
    }

    public Path home() {
        return home;
    }

    public Path run() {
        return home.resolve("run");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /** Locked by the running supervisor for its whole life; never deleted, so a lock is never split. */
    public Path lockFile() {
        return run().resolve("supervisor.lock");
    }

    public Path supervisorPidFile() {
        return run().resolve("supervisor.pid");
    }

    /** The worker serving the port; written by the supervisor. */
    public Path workerPidFile() {
        return run().resolve("worker.pid");
    }

    public Path controlSocket() {
        return run().resolve("supervisor.sock");
    }

    /** The supervisor's own rolling log. */
    public Path supervisorLog() {
        return logs().resolve("supervisor.log");
    }

    /** What the supervisor JVM writes to its console (JVM errors); the log goes to {@link #supervisorLog}. */
    public Path supervisorConsole() {
        return logs().resolve("supervisor.out");
    }

    /** The workers' console: their log lines, and thread dumps on SIGQUIT. */
    public Path workerConsole() {
        return logs().resolve("worker.out");
    }

    /** Creates {@code run/} (owner only) and {@code logs/}. */
    public void create() throws IOException {
        Files.createDirectories(logs());
        if (!Files.isDirectory(run())) {
            Files.createDirectories(run());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(run(), PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    public void write(Path pidFile, ProcessRecord record) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(record.pid()));
        properties.setProperty("started", Long.toString(record.startedAt().toEpochMilli()));
        properties.setProperty("host", record.host());
        properties.setProperty("port", Integer.toString(record.port()));
        Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, null);
        }
        try {
            Files.move(temporary, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, pidFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What a pid file says, whether or not it is still true; empty when missing or unreadable. */
    public Optional<ProcessRecord> read(Path pidFile) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(pidFile)) {
            properties.load(reader);
            return Optional.of(new ProcessRecord(Long.parseLong(properties.getProperty("pid")),
                    Instant.ofEpochMilli(Long.parseLong(properties.getProperty("started"))),
                    properties.getProperty("host", ""), Integer.parseInt(properties.getProperty("port", "0"))));
        } catch (IOException | RuntimeException missingOrMangled) {
            return Optional.empty();
        }
    }

    /** The record of a pid file whose process still runs (same pid, same start time). */
    public Optional<ProcessRecord> liveRecord(Path pidFile) {
        return read(pidFile).filter(record -> record.live().isPresent());
    }

    public void delete(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a pid file that cannot be deleted is checked before it is believed anyway
        }
    }
}
