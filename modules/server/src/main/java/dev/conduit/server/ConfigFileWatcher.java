package dev.conduit.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file and calls back once it has settled after a change. The folder is
 * watched rather than the file, so the ways editors save all count: writing in place, replacing
 * the file by renaming a new one over it, deleting and creating it again. Changes closer together
 * than the quiet period are one change, so a save that writes twice reloads once.
 */
final class ConfigFileWatcher implements AutoCloseable {

    static final Duration QUIET_PERIOD = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final WatchService service;
    private final Path fileName;
    private final long quietNanos;
    private final Runnable onChange;
    private final Thread thread;

    private ConfigFileWatcher(WatchService service, Path file, Duration quiet, Runnable onChange) {
        this.service = service;
        this.fileName = file.getFileName();
        this.quietNanos = quiet.toNanos();
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("config-watcher").unstarted(this::watch);
    }

    /**
     * Starts watching {@code file}; {@code onChange} runs on the watcher's thread, one call at a
     * time, and handles its own failures.
     */
    static ConfigFileWatcher start(Path file, Duration quiet, Runnable onChange) throws IOException {
        Path absolute = file.toAbsolutePath();
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            absolute.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException failed) {
            service.close();
            throw failed;
        }
        ConfigFileWatcher watcher = new ConfigFileWatcher(service, absolute, quiet, onChange);
        watcher.thread.start();
        return watcher;
    }

    private void watch() {
        long settlesAt = 0;
        boolean pending = false;
        try {
            while (true) {
                WatchKey key = pending ? service.poll(Math.max(0, settlesAt - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : service.take();
                if (key != null) {
                    if (concernsTheFile(key)) {
                        pending = true;
                        settlesAt = System.nanoTime() + quietNanos;
                    }
                    key.reset();
                } else if (pending && System.nanoTime() - settlesAt >= 0) {
                    pending = false;
                    onChange.run();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            LOG.debug("stopped watching the config file");
        }
    }

    /** Whether the events name the config file; a lost event (overflow) might have. */
    private boolean concernsTheFile(WatchKey key) {
        boolean concerns = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            concerns |= event.kind() == StandardWatchEventKinds.OVERFLOW || fileName.equals(event.context());
        }
        return concerns;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the config watcher failed: {}", e.toString());
        }
    }
}
