package dev.conduit.watchdog;

import dev.conduit.config.ConduitHome;
import dev.conduit.watchdog.internal.SupervisorLogging;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The supervisor process ({@code conduit start} launches it detached): supervises until SIGTERM
 * or SIGINT, then drains and stops the workers and exits 0. SIGHUP is ignored, so closing the
 * terminal it was started from does not stop it. Exit 1 when it cannot start (another supervisor
 * holds the home), 2 for bad arguments.
 *
 * <p>Arguments: the supervisor's options, {@code --}, then the worker's {@code conduit run} options.
 */
public final class SupervisorMain {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorMain.class);

    private SupervisorMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        SupervisorOptions options;
        try {
            options = SupervisorOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            LOG.error("{}\n{}", e.getMessage(), SupervisorOptions.USAGE);
            return 2;
        }
        RunDirectory run = RunDirectory.of(ConduitHome.current());
        SupervisorRuntime runtime;
        try {
            run.create();
            SupervisorLogging.toFile(run.supervisorLog());
            runtime = SupervisorRuntime.start(run, options);
        } catch (IOException e) {
            LOG.error("the supervisor cannot start: {}", e.getMessage());
            return 1;
        }
        LOG.info("supervisor pid {} started for {}", ProcessHandle.current().pid(), run.home());
        CompletableFuture<String> stopped = new CompletableFuture<>();
        SignalHandler stop = signal -> {
            LOG.info("SIG{}: stopping the workers", signal.getName());
            runtime.stop().whenComplete((message, failure) -> stopped.complete(message));
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        Signal.handle(new Signal("HUP"), SignalHandler.SIG_IGN);
        LOG.info("supervisor pid {} stops: {}", ProcessHandle.current().pid(), stopped.join());
        runtime.close();
        return 0;
    }
}
