package dev.conduit.daemon;

import java.io.IOException;
import java.util.List;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonInitException;
import org.apache.commons.daemon.DaemonUserSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private ConduitService service;

    @Override
    public void init(DaemonContext context) throws DaemonInitException {
        try {
            service = ConduitService.prepare(List.of(context.getArguments()));
        } catch (ServiceStartException e) {
            LOG.error("Conduit cannot start: {}", e.getMessage());
            throw new DaemonInitException("Conduit cannot start: " + e.getMessage());
        }
    }

    @Override
    public void start() throws Exception {
        try {
            service.start();
        } catch (IOException e) {
            LOG.error("Conduit cannot start: {}", e.getMessage());
            throw e;
        }
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
