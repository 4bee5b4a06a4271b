package dev.conduit.daemon;

import dev.conduit.config.ConduitHome;
import dev.conduit.config.ConfigLoader;
import dev.conduit.server.UsageException;
import dev.conduit.server.WorkerOptions;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import dev.conduit.watchdog.SupervisorOptions;
import dev.conduit.watchdog.SupervisorRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor as a service wrapper (jsvc, procrun) runs it: {@link #prepare checked} first,
 * then {@link #start started}, {@link #reload reloaded} and {@link #stop stopped} in the
 * wrapper's JVM. It keeps the pid files, the lock and the control socket in {@code
 * $CONDUIT_HOME/run} as {@code conduit start}'s supervisor does, so {@code conduit status},
 * {@code stop} and {@code restart} work on it.
 *
 * <p>Arguments: those of {@code conduit start} (supervisor options and {@code conduit run}'s).
 */
final class ConduitService {

    private static final Logger LOG = LoggerFactory.getLogger(ConduitService.class);
    /** Within conduitd's jsvc -wait (60 s) and systemd's start timeout (90 s). */
    private static final Duration SERVE_WAIT = Duration.ofSeconds(50);
    private static final Duration POLL = Duration.ofMillis(100);

    private final RunDirectory run;
    private final SupervisorOptions options;
    private SupervisorRuntime runtime;

    private ConduitService(RunDirectory run, SupervisorOptions options) {
        this.run = run;
        this.options = options;
    }

    /** Parses the arguments, opens the home's log and checks that the service can start. */
    static ConduitService prepare(List<String> args) throws ServiceStartException {
        SupervisorOptions options;
        WorkerOptions workerOptions;
        try {
            options = SupervisorOptions.parse(args);
            workerOptions = WorkerOptions.parse(options.workerArgs().toArray(String[]::new));
        } catch (IllegalArgumentException | UsageException e) {
            throw new ServiceStartException("bad service arguments: " + e.getMessage());
        }
        RunDirectory run = RunDirectory.of(ConduitHome.current());
        RunState state;
        try {
            run.create();
            state = RunState.inspect(run);
        } catch (IOException e) {
            throw new ServiceStartException("cannot use " + run.home() + ": " + e.getMessage());
        }
        SupervisorRuntime.logToFile(run);
        if (state.supervisor().isPresent()) {
            throw new ServiceStartException("a supervisor already runs for " + run.home() + " (pid "
                    + state.supervisor().get().pid() + ")");
        }
        String address = ServicePreflight.check(workerOptions, ConfigLoader.forThisProcess(),
                PortAccess.ofThisProcess(), state.worker().map(ProcessRecord::port).orElse(0));
        LOG.info("service pid {} prepared for {}: workers will listen on {}", ProcessHandle.current().pid(),
                run.home(), address);
        return new ConduitService(run, SupervisorOptions.parse(options.processArguments(workerOptions.arguments())));
    }

    /**
     * Takes the home's lock, writes the pid file and starts the worker (or adopts a live one);
     * returns once it serves, so that {@code jsvc -wait} reports a service that serves, or at
     * once when a stop is asked for meanwhile (then {@link #stop} drains). A worker that fails
     * first, or does not serve in time, fails the start after the workers are stopped: nothing is
     * left running.
     */
    void start(BooleanSupplier stopRequested) throws IOException, InterruptedException {
        runtime = SupervisorRuntime.start(run, options);
        long deadline = System.nanoTime() + SERVE_WAIT.toNanos();
        while (!runtime.serving() && !stopRequested.getAsBoolean()) {
            String failure = runtime.lastExitReason();
            boolean late = System.nanoTime() > deadline;
            if (!failure.isEmpty() || late) {
                runtime.stop().join();
                runtime.close();
                throw new IOException((late ? "no worker served within " + SERVE_WAIT.toSeconds() + " s"
                        : "the worker " + failure) + " (its output: " + run.workerConsole() + ")");
            }
            Thread.sleep(POLL);
        }
        LOG.info("service pid {} supervises {}", ProcessHandle.current().pid(), run.home());
    }

    /** The reload signal: the workers reload their config. */
    void reload() {
        LOG.info("reload signal: the workers reload their config");
        runtime.reloadWorkers();
    }

    /** Drains and stops the workers (each within its drain deadline), then releases the home. */
    void stop() {
        LOG.info("service pid {} stops: the workers drain", ProcessHandle.current().pid());
        String outcome = runtime.stop().join();
        runtime.close();
        LOG.info("service pid {} stopped: {}", ProcessHandle.current().pid(), outcome);
    }
}
