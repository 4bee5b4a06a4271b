package dev.conduit.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonController;
import org.apache.commons.daemon.DaemonInitException;
import org.apache.commons.daemon.DaemonUserSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The supervisor as a jsvc daemon ({@code daemon/conduitd}). jsvc calls {@link #init} while the
 * process may still hold its start-up privileges (as root, or as {@code -user} with {@code
 * CAP_NET_BIND_SERVICE}): it checks the config and the port so that a start that cannot work
 * fails there, reported by {@code jsvc -wait}. {@link #start} supervises; SIGTERM ({@code conduitd
 * stop}, {@code systemctl stop}, {@code conduit stop}) reaches {@link #stop}, which drains the
 * workers within their deadline; SIGUSR2 ({@code systemctl reload}) reaches {@link #signal}, which
 * makes the workers reload their config.
 */
public final class ConduitDaemon implements Daemon, DaemonUserSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ConduitDaemon.class);

    private static final Duration RETRY = Duration.ofMillis(10);
    private static final int SHUTDOWN_ATTEMPTS = 1000;

    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean started;
    private DaemonController controller;
    private ConduitService service;

    @Override
    public void init(DaemonContext context) throws DaemonInitException {
        controller = context.getController();
        try {
            service = ConduitService.prepare(List.of(context.getArguments()));
        } catch (ServiceStartException e) {
            LOG.error("Conduit cannot start: {}", e.getMessage());
            throw new DaemonInitException("Conduit cannot start: " + e.getMessage());
        }
    }

    /**
     * jsvc installs its signal handlers only once {@code start} has returned; until then the JVM's
     * own would end the process at once on SIGTERM (status 143), leaving the workers undrained. So
     * a SIGTERM meanwhile ends the wait for a serving worker, and once started the service asks
     * jsvc to stop it the regular way ({@link #stop}, then exit 0).
     */
    @Override
    public void start() throws Exception {
        Signal.handle(new Signal("TERM"), signal -> {
            stopRequested.set(true);
            if (started) {
                askJsvcToStop();
            }
        });
        try {
            service.start(stopRequested::get);
        } catch (IOException e) {
            LOG.error("Conduit cannot start: {}", e.getMessage());
            throw e;
        }
        started = true;
        if (stopRequested.get()) {
            askJsvcToStop();
        }
    }

    /**
     * jsvc's controller takes requests once {@code start} has returned; the request is a SIGTERM
     * to this process, which this class's handler sees (and repeats) until jsvc's replaces it.
     */
    private void askJsvcToStop() {
        Thread.ofVirtual().start(() -> {
            for (int attempt = 0; attempt < SHUTDOWN_ATTEMPTS; attempt++) {
                try {
                    controller.shutdown();
                    return;
                } catch (IllegalStateException startNotReturnedYet) {
                    try {
                        Thread.sleep(RETRY);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    @Override
    public void signal() {
        service.reload();
    }

    @Override
    public void stop() {
        service.stop();
    }

    @Override
    public void destroy() {
        service = null;
    }
}
