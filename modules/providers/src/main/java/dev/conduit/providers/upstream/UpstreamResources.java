package dev.conduit.providers.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The threads, timer, buffers and TLS set-up every provider's HTTP client shares, so a client per
 * provider (each with its own limits and pool) costs little more than one selector.
 */
public final class UpstreamResources implements AutoCloseable {

    final QueuedThreadPool executor;
    final Scheduler scheduler;
    final ByteBufferPool buffers;
    final UpstreamTls tls;
    private final boolean publicAddressesOnly;
    private final Optional<String> proxyHost;

    /** Resources whose clients reach providers wherever their names resolve. */
    public UpstreamResources() {
        this(false, Optional.empty());
    }

    /**
     * @param publicAddressesOnly {@code DENY_PRIVATE_UPSTREAMS}: whether provider names must resolve
     *     to public addresses
     * @param proxyHost the host of {@code PROXY_URL}, which may be anywhere
     */
    public UpstreamResources(boolean publicAddressesOnly, Optional<String> proxyHost) {
        this(publicAddressesOnly, proxyHost, UpstreamTls.SHARED);
    }

    /** Resources whose clients use {@code tls} (tests: one that trusts their own certificate). */
    UpstreamResources(UpstreamTls tls) {
        this(false, Optional.empty(), tls);
    }

    private UpstreamResources(boolean publicAddressesOnly, Optional<String> proxyHost, UpstreamTls tls) {
        this.publicAddressesOnly = publicAddressesOnly;
        this.proxyHost = proxyHost;
        this.tls = tls;
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

    /**
     * Makes the TLS set-up on a thread of its own when {@code endpoint} is reached over https,
     * so that its first request does not wait for it (once per worker).
     */
    public void prepareTls(URI endpoint) {
        if (HttpScheme.HTTPS.is(endpoint.getScheme())) {
            tls.prepare();
        }
    }

    /** How a client resolves provider names, giving up after {@code timeout}. */
    SocketAddressResolver addressResolver(Duration timeout) {
        SocketAddressResolver dns = new SocketAddressResolver.Async(executor, scheduler, timeout.toMillis());
        return publicAddressesOnly ? new PublicAddressResolver(dns, proxyHost) : dns;
    }

    @Override
    public void close() {
        LifeCycle.stop(scheduler);
        LifeCycle.stop(executor);
    }
}
