package dev.conduit.daemon;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor as a Windows service under procrun in jvm mode ({@code daemon/install-service.ps1}):
 * procrun calls {@link #start} on one thread, which supervises until {@link #stop} is called on
 * another, then drains the workers and returns, as Tomcat's {@code Bootstrap} does. The methods are
 * static because procrun calls them so.
 */
public final class ProcrunService {

    private static final Logger LOG = LoggerFactory.getLogger(ProcrunService.class);
    private static final CountDownLatch STOP = new CountDownLatch(1);

    private ProcrunService() {}

    /** Procrun's {@code StartMethod}: returns once the service has stopped. */
    public static void start(String[] args) throws Exception {
        ConduitService service;
        try {
            service = ConduitService.prepare(List.of(args));
        } catch (ServiceStartException e) {
            LOG.error("Conduit cannot start: {}", e.getMessage());
            throw e;
        }
        service.start(() -> STOP.getCount() == 0);
        STOP.await();
        service.stop();
    }

    /** Procrun's {@code StopMethod}: lets {@link #start} drain the workers and return. */
    public static void stop(String[] args) {
        STOP.countDown();
    }
}
