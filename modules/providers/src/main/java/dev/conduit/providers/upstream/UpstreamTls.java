package dev.conduit.providers.upstream;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS set-up every provider's HTTP client shares, made once per worker: on a thread of its
 * own when the config has an https provider ({@link #prepare}), or by the first https request if
 * that comes first. A Jetty client left to itself makes its own at start: it reads the JVM's
 * trust store and initialises the TLS stack, the largest part of a worker's start (0.2–0.3 s),
 * on the main thread, for every provider at every start and config reload, and for providers
 * reached over plain http, such as a local model, that never use it.
 */
final class UpstreamTls {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTls.class);

    /** The worker's: the trust store is the JVM's, so one set-up serves every provider and config. */
    static final UpstreamTls SHARED = new UpstreamTls(new SslContextFactory.Client());

    private final SslContextFactory.Client factory;
    private final AtomicBoolean preparing = new AtomicBoolean();

    /** @param factory not started: a test's may trust its own certificate */
    UpstreamTls(SslContextFactory.Client factory) {
        this.factory = factory;
    }

    /** Gives a client the shared set-up, which the client must neither start nor stop with itself. */
    void install(ClientConnector connector) {
        connector.setSslContextFactory(factory);
        connector.unmanage(factory);
    }

    /**
     * Makes the set-up before a request to an https provider; at once when it is made. A failure
     * is tried again by the next request.
     *
     * @throws SetupFailed when the trust store cannot be read or TLS cannot be initialised
     */
    void ensureReady() throws SetupFailed {
        if (factory.isStarted()) {
            return;
        }
        synchronized (this) {
            if (factory.isStarted()) {
                return;
            }
            try {
                factory.start();
            } catch (Exception e) {
                // the class only: the message may name the trust store's path
                LOG.warn("TLS for https providers could not be set up ({}); check the JVM's trust store "
                        + "(javax.net.ssl.trustStore)", e.getClass().getSimpleName());
                throw new SetupFailed();
            }
        }
    }

    /**
     * Makes the set-up on a thread of its own, so that it is ready before the first https request
     * without holding up the worker's start.
     */
    void prepare() {
        // one thread however many https providers ask at once
        if (!factory.isStarted() && preparing.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("tls-setup").start(() -> {
                try {
                    ensureReady();
                } catch (SetupFailed logged) {
                    // each https request tries again and fails with it
                } finally {
                    preparing.set(false);
                }
            });
        }
    }

    /** Whether the set-up has been made. */
    boolean isReady() {
        return factory.isStarted();
    }

    /** Whether a set-up thread is running (tests: an http-only config never starts one). */
    boolean isPreparing() {
        return preparing.get();
    }

    /** TLS could not be set up for any https provider: not this provider's fault alone. */
    static final class SetupFailed extends SSLException {
        SetupFailed() {
            super("TLS could not be set up");
        }
    }
}
