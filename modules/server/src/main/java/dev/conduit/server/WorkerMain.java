package dev.conduit.server;

import dev.conduit.config.ConfigException;
import java.util.Optional;
import org.slf4j.Logger;
import sun.misc.Signal;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker in the foreground until the process is asked to stop. Exit codes: 1 when the
 * worker cannot start, 2 for bad arguments.
 */
public final class WorkerMain {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Serves until stopped; returns the process exit code. */
    public static int run(String... args) {
        WorkerOptions options;
        try {
            options = WorkerOptions.parse(args);
        } catch (UsageException e) {
            LOG.error("{}\n{}", e.getMessage(), WorkerOptions.USAGE);
            return 2;
        }
        Worker worker;
        try {
            worker = Worker.start(options);
        } catch (ConfigException | StartupException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(worker::stop));
        Optional<SupervisedWorker> supervised = options.supervisor()
                .map(socket -> SupervisedWorker.link(worker, socket, options));
        // SIGTERM drains: requests finish, streams run until the deadline, then the process exits 0
        Signal.handle(new Signal("TERM"), signal -> {
            supervised.ifPresent(SupervisedWorker::draining);
            worker.drainAndStop(worker.config().drainTimeout());
        });
        try {
            worker.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
