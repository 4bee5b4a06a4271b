package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.server.http.Gateway;
import dev.conduit.server.http.Swappable;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.server.reload.ReloadTrigger;
import dev.conduit.server.reload.Reloads;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config: reads and validates the whole file again, builds a new {@link Gateway}
 * (router, providers) from it and swaps it in for new requests; requests in flight finish on the
 * gateway they started with. A config that does not load, or whose gateway cannot be built, is
 * rejected and the one in force keeps serving. Settings the running server was built with
 * ({@code HOST}, {@code PORT}, {@code APIKEY}, …) keep their values and are reported as needing a
 * restart. One reload runs at a time.
 */
final class ConfigReloader implements Reloads {

    private static final Logger LOG = LoggerFactory.getLogger("dev.conduit.config");

    private final ConduitConfig started;
    private final Loading loading;
    private final Function<ConduitConfig, Gateway> gateways;
    private final Swappable<Gateway> live;
    private final InstantSource clock;
    private final List<Consumer<Gateway>> appliedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReloadOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();
    private volatile ReloadOutcome last;
    private volatile List<String> needingRestart = List.of();
    private boolean closed;

    /** How a config is loaded and given the listener settings the worker runs with. */
    @FunctionalInterface
    interface Loading {
        ConduitConfig load() throws ConfigException;
    }

    ConfigReloader(ConduitConfig started, Loading loading, Function<ConduitConfig, Gateway> gateways,
            Swappable<Gateway> live, InstantSource clock) {
        this.started = started;
        this.loading = loading;
        this.gateways = gateways;
        this.live = live;
        this.clock = clock;
    }

    /**
     * Reads the file the worker started from again (the same file, even if discovery would now find
     * another); without a file, finds the config as at startup.
     */
    static Loading from(ConduitConfig started, ConfigLoader loader, WorkerOptions options) {
        if (started.source() instanceof ConfigSource.File file) {
            return () -> Worker.listening(loader.reread(file), options);
        }
        return () -> Worker.listening(loader.load(options.config()), options);
    }

    /** Called with each gateway put in force, before requests use it. */
    void onApplied(Consumer<Gateway> listener) {
        appliedListeners.add(listener);
    }

    /** Called with every outcome, applied or rejected. */
    void onOutcome(Consumer<ReloadOutcome> listener) {
        outcomeListeners.add(listener);
    }

    @Override
    public synchronized ReloadOutcome reload(ReloadTrigger trigger) {
        if (closed) {
            return report(ReloadOutcome.rejected(trigger, clock.instant(), "the worker is stopping"));
        }
        ConduitConfig next;
        try {
            next = loading.load();
        } catch (ConfigException invalid) {
            return report(ReloadOutcome.rejected(trigger, clock.instant(), invalid.getMessage()));
        }
        Gateway gateway;
        try {
            gateway = gateways.apply(next);
        } catch (RuntimeException failed) {
            // the message of an unexpected failure could quote a value of the config: name its kind only
            return report(ReloadOutcome.rejected(trigger, clock.instant(),
                    "the config is valid, but its providers could not be built (" + failed.getClass().getSimpleName() + ")"));
        }
        appliedListeners.forEach(listener -> listener.accept(gateway));
        live.swap(gateway);
        next.warnings().forEach(warning -> LOG.warn("config: {}", warning));
        needingRestart = needsRestart(next);
        return report(ReloadOutcome.applied(trigger, clock.instant(), inForce(next), needingRestart));
    }

    @Override
    public Optional<ReloadOutcome> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public List<String> needingRestart() {
        return needingRestart;
    }

    /** Later reloads are rejected: the worker is stopping and closes the gateway in force. */
    synchronized void close() {
        closed = true;
    }

    private ReloadOutcome report(ReloadOutcome outcome) {
        last = outcome;
        if (outcome.applied()) {
            LOG.info("config reloaded ({}): {}", outcome.trigger().label(), outcome.message());
            if (!outcome.needsRestart().isEmpty()) {
                LOG.warn("{} changed in the config file and keep their running values until a restart",
                        String.join(", ", outcome.needsRestart()));
            }
        } else {
            LOG.warn("config rejected ({}), the config in force keeps serving: {}", outcome.trigger().label(),
                    outcome.message());
        }
        outcomeListeners.forEach(listener -> listener.accept(outcome));
        return outcome;
    }

    private static String inForce(ConduitConfig config) {
        int providers = config.providers().size();
        int rules = config.router().rules().size();
        return providers + (providers == 1 ? " provider, " : " providers, ") + rules + (rules == 1 ? " rule" : " rules")
                + config.router().defaultRoute().map(route -> ", default → " + route).orElse("");
    }

    /** The settings the running server keeps until a restart, where the new config differs. */
    private List<String> needsRestart(ConduitConfig next) {
        List<String> settings = new ArrayList<>();
        if (!next.host().equals(started.host())) {
            settings.add("HOST");
        }
        if (next.port() != started.port()) {
            settings.add("PORT");
        }
        if (!Objects.equals(next.apiKey(), started.apiKey())) {
            settings.add("APIKEY");
        }
        if (next.adminNeedsApiKey() != started.adminNeedsApiKey()) {
            settings.add("ADMIN_REQUIRES_APIKEY");
        }
        if (started.log() && !next.log()) {
            settings.add("LOG");
        }
        return settings;
    }
}
