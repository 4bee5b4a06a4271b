package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.Connections;
import dev.conduit.connections.ConnectionsMXBean;
import dev.conduit.connections.UpstreamPoolInfo;
import dev.conduit.health.HealthCheck;
import dev.conduit.management.DescribedMXBean;
import dev.conduit.management.Mbeans;
import dev.conduit.providers.UpstreamPool;
import dev.conduit.routing.Failover;
import dev.conduit.routing.SessionUsage;
import dev.conduit.routing.TokenCounter;
import dev.conduit.server.http.ConduitServer;
import dev.conduit.server.http.Gateway;
import dev.conduit.server.http.Swappable;
import dev.conduit.server.logging.Logging;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.server.reload.ReloadTrigger;
import dev.conduit.server.routing.ProjectRouterFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway worker: loads the config, starts the server, reloads the config when the file
 * changes or an operator asks ({@code conduit reload}, JMX), and stops cleanly.
 */
public final class Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** How long a successor tries to take the remote JMX port beyond its predecessor's drain. */
    private static final Duration REMOTE_JMX_WAIT = Duration.ofSeconds(30);

    private final Swappable<Gateway> gateways;
    private final ConduitServer server;
    private final WorkerMonitoring monitoring;
    private final ConfigReloader reloader;
    private final Optional<ConfigFileWatcher> watcher;
    private final GatewayJmx gatewayJmx;
    private final ProviderMBeans providerMBeans;
    private volatile RemoteJmx remoteJmx;

    private Worker(Swappable<Gateway> gateways, ConduitServer server, WorkerMonitoring monitoring,
            ConfigReloader reloader, Optional<ConfigFileWatcher> watcher) {
        this.gateways = gateways;
        this.server = server;
        this.monitoring = monitoring;
        this.reloader = reloader;
        this.watcher = watcher;
        this.gatewayJmx = new GatewayJmx(this::config, this::port, reloader, server.drainCoordinator(), this::drainAndStop);
        this.providerMBeans = new ProviderMBeans(this::config, monitoring.monitoring(), this::upstreamPools);
    }

    /** Loads the config and starts listening; the returned worker serves until {@link #stop()}. */
    public static Worker start(WorkerOptions options) throws ConfigException, StartupException {
        return start(options, WorkerEnvironment.current());
    }

    public static Worker start(WorkerOptions options, WorkerEnvironment environment)
            throws ConfigException, StartupException {
        return start(options, environment, ConfigFileWatcher.QUIET_PERIOD);
    }

    /** @param quietPeriod how long the config file must stay unchanged before a change is reloaded */
    static Worker start(WorkerOptions options, WorkerEnvironment environment, Duration quietPeriod)
            throws ConfigException, StartupException {
        Optional<RemoteJmxSettings> remoteJmx = RemoteJmxSettings.from(environment.variables());
        ConfigLoader loader = environment.configLoader();
        ConduitConfig config = listening(loader.load(options.config()), options);
        Path logFile = environment.conduitHome().resolve("logs/worker.log");
        Logging.apply(config.logLevel(), config.log() ? logFile : null);
        config.warnings().forEach(warning -> LOG.warn("config: {}", warning));

        TokenCounter counter = TokenCounter.cl100k();
        SessionUsage sessionUsage = new SessionUsage();
        String userAgent = "conduit/" + Version.current();
        Swappable<Gateway> gateways = new Swappable<>(Gateway.create(config, userAgent,
                ProjectRouterFiles.forUser(environment.userHome(), config, loader), counter, sessionUsage), Worker::close);
        Function<ConduitConfig, Gateway> gatewayOf = next -> gateways.current().reloaded(next, userAgent,
                ProjectRouterFiles.forUser(environment.userHome(), next, loader));
        ConfigReloader reloader = new ConfigReloader(config, ConfigReloader.from(config, loader, options), gatewayOf,
                gateways, InstantSource.system());
        ConnectionRegistry connections = new ConnectionRegistry(InstantSource.system());
        WorkerMonitoring monitoring = new WorkerMonitoring(gateways, connections);
        ConduitServer server = new ConduitServer(gateways, reloader, config, connections, monitoring.monitoring(),
                Version.current());
        try {
            if (options.supervisor().isPresent()) {
                shareThePortWithSuccessors(server, config, options.successor());
            }
            server.start();
        } catch (Exception e) {
            monitoring.close();
            gateways.close();
            throw new StartupException(startFailure(config, e));
        }
        reloader.onApplied(next -> {
            Logging.apply(next.config().logLevel(), next.config().log() ? logFile : null);
            monitoring.apply(next);
        });
        reloader.onOutcome(monitoring::reloaded);
        Worker worker = new Worker(gateways, server, monitoring, reloader,
                watch(config, quietPeriod, () -> reloader.reload(ReloadTrigger.FILE_CHANGE)));
        worker.registerMBeans();
        if (remoteJmx.isPresent()) {
            worker.startRemoteJmx(remoteJmx.get(), options.successor());
        }
        monitoring.started(server.drainCoordinator());
        Banner.log(config, server.port(), Version.current(), sinceProcessStart());
        return worker;
    }

    /** The config with the listener the command line asks for, on loopback unless APIKEY is set. */
    static ConduitConfig listening(ConduitConfig loaded, WorkerOptions options) {
        return safeListener(loaded.withListener(options.host().orElse(loaded.host()),
                options.port().orElse(loaded.port())));
    }

    /** Watches the config file, if there is one; a worker that cannot watch it still reloads on request. */
    private static Optional<ConfigFileWatcher> watch(ConduitConfig config, Duration quietPeriod, Runnable onChange) {
        if (!(config.source() instanceof ConfigSource.File file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigFileWatcher.start(file.path(), quietPeriod, onChange));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the config file is not watched for changes ({}); conduit reload still reloads it", e.toString());
            return Optional.empty();
        }
    }

    private static void close(Gateway retired) {
        retired.providers().close();
    }

    private void registerMBeans() {
        Connections connections = new Connections(server.connections(), server.drainCoordinator(),
                () -> gateways.current().providers().pools().stream()
                        .map(pool -> new UpstreamPoolInfo(pool.provider(), pool.active(), pool.idle(), pool.queued()))
                        .toList(),
                this::drainAndStop);
        Mbeans.register(new DescribedMXBean<>(connections, ConnectionsMXBean.class), Mbeans.name("Connections"));
        RoutingJmx routing = new RoutingJmx(this::config, this::failover, reloader,
                request -> RouteExplainer.explain(gateways.current().router(), request, "the request"));
        reloader.onOutcome(routing::announce);
        failover().breakers().onChange(routing::breakerChanged);
        Mbeans.register(routing, Mbeans.name("Routing"));
        reloader.onOutcome(gatewayJmx::announce);
        Mbeans.register(gatewayJmx, Mbeans.name("Gateway"));
        providerMBeans.apply(config());
        reloader.onApplied(next -> providerMBeans.apply(next.config()));
    }

    /**
     * A successor of a rolling restart shares the port of its predecessor, which still holds the
     * JMX port: it retries until the predecessor has gone. Any other worker that cannot listen stops.
     */
    private void startRemoteJmx(RemoteJmxSettings settings, boolean successor) throws StartupException {
        if (!successor) {
            try {
                remoteJmx = RemoteJmx.start(settings);
            } catch (StartupException e) {
                stop();
                throw e;
            }
            return;
        }
        Thread.ofVirtual().name("remote-jmx").start(() -> {
            Instant giveUp = Instant.now().plus(config().drainTimeout()).plus(REMOTE_JMX_WAIT);
            while (remoteJmx == null && Instant.now().isBefore(giveUp)) {
                try {
                    remoteJmx = RemoteJmx.start(settings);
                } catch (StartupException busy) {
                    LOG.debug("remote JMX not yet: {}", busy.getMessage());
                    try {
                        Thread.sleep(1000); // the predecessor frees the port when it exits
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (remoteJmx == null) {
                LOG.error("remote JMX could not listen on {}:{}: the previous worker kept the port", settings.host(),
                        settings.port());
            }
        });
    }

    /** A supervisor runs this worker: JMX restart() and drain() go through it. */
    void supervisedBy(Supervision supervision) {
        gatewayJmx.supervisedBy(supervision);
    }

    /**
     * The graceful stop (SIGTERM, JMX {@code drain}): stop accepting, finish requests, run streams
     * until {@code deadline}, then stop the server; {@link #await()} returns after that.
     */
    public CompletableFuture<Void> drainAndStop(Duration deadline) {
        LOG.info("stopping gracefully: streams may run for up to {} s", deadline.toSeconds());
        return stopAfter(deadline, () -> server.drainAndStop(deadline));
    }

    /**
     * The graceful stop of a rolling restart, when a successor already listens on the port:
     * like {@link #drainAndStop}, but requests still arriving on open connections are served.
     */
    public CompletableFuture<Void> handOverAndStop(Duration deadline) {
        LOG.info("handing over to the next worker: streams may run for up to {} s", deadline.toSeconds());
        return stopAfter(deadline, () -> server.handOverAndStop(deadline));
    }

    private CompletableFuture<Void> stopAfter(Duration deadline, Supplier<CompletableFuture<Void>> drain) {
        stopReloading();
        monitoring.draining();
        gatewayJmx.draining(deadline);
        return drain.get().whenComplete((done, failure) -> {
            monitoring.close();
            gateways.close();
        });
    }

    /** Adds a named check to this worker's health (the supervisor's alarm). */
    public void addHealthCheck(HealthCheck check) {
        monitoring.monitoring().health().register(check);
    }

    /**
     * A supervised worker listens with SO_REUSEPORT, so its successor can listen beside it in a
     * rolling restart. That would also let it listen beside a stranger (another Conduit, another
     * home) without a word, so unless its own predecessor may still hold the port it first checks
     * that the port is free.
     */
    private static void shareThePortWithSuccessors(ConduitServer server, ConduitConfig config, boolean successor)
            throws IOException {
        if (!successor && config.port() != 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(config.host(), config.port()));
            }
        }
        if (!server.sharePort()) {
            LOG.info("SO_REUSEPORT is not available: a rolling restart drains this worker before starting the next");
        }
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

    /** The config in force: the one the worker started with, or the last reload's. */
    public ConduitConfig config() {
        return gateways.current().config();
    }

    /** Reloads the config, as the file watcher, {@code conduit reload} and JMX do. */
    ReloadOutcome reload(ReloadTrigger trigger) {
        return reloader.reload(trigger);
    }

    /** The last reload, if any. */
    Optional<ReloadOutcome> lastReload() {
        return reloader.last();
    }

    /** The client connections and requests in flight. */
    public ConnectionRegistry connections() {
        return server.connections();
    }

    public List<UpstreamPool> upstreamPools() {
        return gateways.current().providers().pools();
    }

    /** Breakers, key rotation and per-target counters (for the Routing MBean and tests). */
    public Failover failover() {
        return gateways.current().failover();
    }

    public void await() throws InterruptedException {
        server.join();
    }

    public void stop() {
        stopReloading();
        Mbeans.unregister(Mbeans.name("Connections"));
        Mbeans.unregister(Mbeans.name("Routing"));
        Mbeans.unregister(Mbeans.name("Gateway"));
        if (remoteJmx != null) {
            remoteJmx.close();
            remoteJmx = null;
        }
        providerMBeans.close();
        monitoring.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the server failed: {}", e.toString());
        } finally {
            gateways.close();
        }
    }

    private void stopReloading() {
        watcher.ifPresent(ConfigFileWatcher::close);
        reloader.close();
    }
}
