package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.Connections;
import dev.conduit.connections.ConnectionsMXBean;
import dev.conduit.connections.UpstreamPoolInfo;
import dev.conduit.management.DescribedMXBean;
import dev.conduit.management.Mbeans;
import dev.conduit.providers.UpstreamPool;
import dev.conduit.server.http.ConduitServer;
import dev.conduit.server.http.Gateway;
import dev.conduit.server.logging.Logging;
import dev.conduit.server.routing.ProjectRouterFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One gateway worker: loads the config, starts the server, and stops it cleanly. */
public final class Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final ConduitConfig config;
    private final Gateway gateway;
    private final ConduitServer server;
    private final WorkerMonitoring monitoring;

    private Worker(ConduitConfig config, Gateway gateway, ConduitServer server, WorkerMonitoring monitoring) {
        this.config = config;
        this.gateway = gateway;
        this.server = server;
        this.monitoring = monitoring;
    }

    /** Loads the config and starts listening; the returned worker serves until {@link #stop()}. */
    public static Worker start(WorkerOptions options) throws ConfigException, StartupException {
        return start(options, WorkerEnvironment.current());
    }

    public static Worker start(WorkerOptions options, WorkerEnvironment environment)
            throws ConfigException, StartupException {
        ConfigLoader loader = environment.configLoader();
        ConduitConfig loaded = loader.load(options.config());
        ConduitConfig config = safeListener(loaded.withListener(
                options.host().orElse(loaded.host()), options.port().orElse(loaded.port())));
        Logging.apply(config.logLevel(), config.log() ? environment.conduitHome().resolve("logs/worker.log") : null);
        config.warnings().forEach(warning -> LOG.warn("config: {}", warning));

        Gateway gateway = Gateway.create(config, "conduit/" + Version.current(),
                ProjectRouterFiles.forUser(environment.userHome(), config, loader));
        ConnectionRegistry connections = new ConnectionRegistry(InstantSource.system());
        WorkerMonitoring monitoring = new WorkerMonitoring(config, connections, gateway.providers());
        ConduitServer server = new ConduitServer(gateway, connections, monitoring.monitoring(), Version.current(),
                config.host(), config.port());
        try {
            server.start();
        } catch (Exception e) {
            monitoring.close();
            gateway.providers().close();
            throw new StartupException(startFailure(config, e));
        }
        Worker worker = new Worker(config, gateway, server, monitoring);
        worker.registerMBeans();
        monitoring.started(server.drainCoordinator());
        Banner.log(config, server.port(), Version.current(), sinceProcessStart());
        return worker;
    }

    private void registerMBeans() {
        Connections connections = new Connections(server.connections(), server.drainCoordinator(),
                () -> gateway.providers().pools().stream()
                        .map(pool -> new UpstreamPoolInfo(pool.provider(), pool.active(), pool.idle(), pool.queued()))
                        .toList(),
                this::drainAndStop);
        Mbeans.register(new DescribedMXBean<>(connections, ConnectionsMXBean.class), Mbeans.name("Connections"));
    }

    /**
     * The graceful stop (SIGTERM, JMX {@code drain}): stop accepting, finish requests, run streams
     * until {@code deadline}, then stop the server; {@link #await()} returns after that.
     */
    public CompletableFuture<Void> drainAndStop(Duration deadline) {
        LOG.info("stopping gracefully: streams may run for up to {} s", deadline.toSeconds());
        monitoring.draining();
        return server.drainAndStop(deadline).whenComplete((done, failure) -> {
            monitoring.close();
            gateway.providers().close();
        });
    }

    /** Without APIKEY, Conduit answers on loopback only, whatever HOST asks for. */
    private static ConduitConfig safeListener(ConduitConfig config) {
        if (config.apiKey().isPresent() || isLoopback(config.host())) {
            return config;
        }
        LOG.warn("HOST {} ignored: without APIKEY Conduit listens on 127.0.0.1 only. Set APIKEY to listen elsewhere.",
                config.host());
        return config.withListener(ConduitConfig.DEFAULT_HOST, config.port());
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String startFailure(ConduitConfig config, Exception e) {
        Throwable cause = e;
        while (cause instanceof IOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BindException) {
            return "cannot listen on " + config.host() + ":" + config.port()
                    + ": the address is in use (is another Conduit or claude-code-router running?)";
        }
        return "cannot listen on " + config.host() + ":" + config.port() + ": " + cause.getMessage();
    }

    private static Duration sinceProcessStart() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }

    public int port() {
        return server.port();
    }

    public ConduitConfig config() {
        return config;
    }

    /** The client connections and requests in flight. */
    public ConnectionRegistry connections() {
        return server.connections();
    }

    public List<UpstreamPool> upstreamPools() {
        return gateway.providers().pools();
    }

    public void await() throws InterruptedException {
        server.join();
    }

    public void stop() {
        Mbeans.unregister(Mbeans.name("Connections"));
        monitoring.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the server failed: {}", e.toString());
        } finally {
            gateway.providers().close();
        }
    }
}
