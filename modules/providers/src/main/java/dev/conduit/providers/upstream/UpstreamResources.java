package dev.conduit.providers.upstream;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The threads, timer and buffers every provider's HTTP client shares, so a client per provider
 * (each with its own limits and pool) costs little more than one selector.
 */
public final class UpstreamResources implements AutoCloseable {

    final QueuedThreadPool executor;
    final Scheduler scheduler;
    final ByteBufferPool buffers;

    public UpstreamResources() {
        executor = new QueuedThreadPool();
        executor.setName("upstream");
        executor.setDaemon(true);
        // threads a burst needed go back within seconds, not one per minute
        executor.setIdleTimeout(10_000);
        executor.setMaxEvictCount(64);
        scheduler = new ScheduledExecutorScheduler("upstream-timer", true);
        buffers = new ArrayByteBufferPool();
        try {
            executor.start();
            scheduler.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream threads", e);
        }
    }

    @Override
    public void close() {
        LifeCycle.stop(scheduler);
        LifeCycle.stop(executor);
    }
}
