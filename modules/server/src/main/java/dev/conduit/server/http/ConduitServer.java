package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.SecuritySettings;
import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.health.Monitoring;
import dev.conduit.server.reload.Reloads;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server: one HTTP/1.1 connector whose connections are all tracked and limited in
 * number, handlers on virtual threads, and the handler chain outcome (access log, metrics) → drain
 * guard → allowed hosts → CORS → auth → API.
 */
public final class ConduitServer {

    private static final long AT_LIMIT_IDLE_TIMEOUT_MILLIS = 5_000;
    /**
     * The listen backlog. Java's default is 50: a burst of new connections (hundreds of clients
     * opening streams at once) overflowed it and the kernel dropped their SYNs, leaving clients to
     * retry after 1, 3, 7, 15 s. Linux caps the value at {@code net.core.somaxconn} (4096).
     */
    private static final int ACCEPT_QUEUE_SIZE = 4096;

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionRegistry registry;
    private final DrainCoordinator drain;

    /**
     * @param gateways the gateway in force, swapped by reloads
     * @param config the config the server is built with: its listener and {@code APIKEY} stay until
     *     a restart
     */
    public ConduitServer(Swappable<Gateway> gateways, Reloads reloads, ConduitConfig config, ConnectionRegistry registry,
            Monitoring monitoring, String version) {
        this.registry = registry;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty");
        // threads a burst needed go back within seconds, not one per minute
        threads.setIdleTimeout(10_000);
        threads.setMaxEvictCount(64);
        // the JDK's API itself: Jetty's VirtualThreads helper reaches it by reflection (for
        // older JDKs), whose first use costs the worker's start 20 ms
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("request", 0).factory()));
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        SecuritySettings security = config.security();
        // slow or silent clients; a request waiting on its provider ignores it (ApiHandler)
        connector.setIdleTimeout(security.clientIdleTimeout().toMillis());
        connector.addEventListener(registry);
        server.addConnector(connector);
        NetworkConnectionLimit connectionLimit = new NetworkConnectionLimit(security.maxConnections(), connector);
        // at the limit, idle keep-alive connections make room sooner
        connectionLimit.setEndPointIdleTimeout(
                Math.min(AT_LIMIT_IDLE_TIMEOUT_MILLIS, security.clientIdleTimeout().toMillis()));
        server.addBean(connectionLimit);
        drain = new DrainCoordinator(connector, registry, InstantSource.system());

        HealthEndpoints health = new HealthEndpoints(monitoring, gateways, reloads, version, registry, drain);
        Handler api = new ApiHandler(gateways, drain, monitoring, health, reloads, security);
        Handler authenticated = config.apiKey()
                .<Handler>map(key -> new AuthHandler(key, config.adminNeedsApiKey(), api))
                .orElse(api);
        Handler guarded = HostAllowListHandler.wrap(security, config.apiKey().isPresent(),
                new CorsHandler(security, authenticated));
        server.setHandler(new RequestOutcomeHandler(monitoring, new DrainGuardHandler(registry, drain, guarded)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
    }

    /**
     * Lets a second worker listen on the same port (SO_REUSEPORT) for a rolling restart; the
     * kernel spreads new connections over both until the old one closes its listener. False
     * where the platform has no SO_REUSEPORT.
     */
    public boolean sharePort() {
        if (!connector.isReusePort() && supportsReusePort()) {
            connector.setReusePort(true);
        }
        return connector.isReusePort();
    }

    private static boolean supportsReusePort() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public ConnectionRegistry connections() {
        return registry;
    }

    public DrainCoordinator drainCoordinator() {
        return drain;
    }

    /** Drains, then stops the server; the future completes once it has stopped. */
    public CompletableFuture<Void> drainAndStop(Duration deadline) {
        return drain.drain(deadline).thenRun(this::stopQuietly);
    }

    /** {@link #drainAndStop} for a rolling restart, when a successor already serves the port. */
    public CompletableFuture<Void> handOverAndStop(Duration deadline) {
        return drain.handover(deadline).thenRun(this::stopQuietly);
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop", e);
        }
    }

    public void stop() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
