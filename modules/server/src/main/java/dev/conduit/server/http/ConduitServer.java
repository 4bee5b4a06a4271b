package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.health.Monitoring;
import dev.conduit.server.reload.Reloads;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server: one HTTP/1.1 connector whose connections are all tracked, handlers on
 * virtual threads, and the handler chain outcome (access log, metrics) → drain guard → auth → API.
 */
public final class ConduitServer {

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
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("request"));
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        apiTimeout(config.apiTimeout());
        connector.addEventListener(registry);
        server.addConnector(connector);
        drain = new DrainCoordinator(connector, registry, InstantSource.system());

        HealthEndpoints health = new HealthEndpoints(monitoring, gateways, reloads, version, registry, drain);
        Handler api = new ApiHandler(gateways, drain, health, reloads);
        Handler authenticated = config.apiKey()
                .<Handler>map(key -> new AuthHandler(key, config.adminNeedsApiKey(), api))
                .orElse(api);
        server.setHandler(new RequestOutcomeHandler(monitoring, new DrainGuardHandler(registry, drain, authenticated)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
    }

    /**
     * A non-streaming request may wait for the upstream as long as {@code API_TIMEOUT_MS} allows;
     * connections opened from now on wait that long (a reload may change it).
     */
    public void apiTimeout(Duration apiTimeout) {
        connector.setIdleTimeout(apiTimeout.plus(Duration.ofSeconds(30)).toMillis());
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
