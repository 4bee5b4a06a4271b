package dev.conduit.cli;

import dev.conduit.health.HealthMXBean;
import dev.conduit.health.ProviderSnapshot;
import dev.conduit.server.RoutingMXBean;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the running worker says about its routing, read over JMX; what {@code conduit model} shows beside the config. */
sealed interface LiveRouting {

    /** No worker runs for this Conduit home. */
    record NotRunning() implements LiveRouting {}

    /** A worker runs but did not answer over JMX. */
    record Unreachable(long pid, String why) implements LiveRouting {}

    /**
     * @param configSource the file the worker serves and what pointed at it
     * @param targets each {@code provider,model} the worker knows, with its breaker and counters
     * @param providers each provider's passive health, by lower-case name
     */
    record Live(ProcessRecord worker, String configSource, Map<String, String> targets,
            Map<String, ProviderSnapshot> providers) implements LiveRouting {

        /** The breaker and counters of a target, e.g. {@code "breaker CLOSED, 3 attempts, …"}. */
        Optional<String> target(String target) {
            return targets.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(target))
                    .map(Map.Entry::getValue).findFirst();
        }

        Optional<ProviderSnapshot> provider(String name) {
            return Optional.ofNullable(providers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** The worker's view when one runs for {@code conduitHome}. */
    static LiveRouting of(Path conduitHome) {
        Optional<ProcessRecord> worker;
        try {
            worker = RunState.inspect(RunDirectory.of(conduitHome)).worker();
        } catch (IOException unreadable) {
            return new NotRunning();
        }
        if (worker.isEmpty()) {
            return new NotRunning();
        }
        try (LocalJmx jmx = LocalJmx.attach(worker.get().pid(), "the worker")) {
            RoutingMXBean routing = jmx.proxy(RoutingMXBean.OBJECT_NAME, RoutingMXBean.class);
            HealthMXBean health = jmx.proxy(HealthMXBean.OBJECT_NAME, HealthMXBean.class);
            Map<String, String> targets = new LinkedHashMap<>();
            for (String line : routing.getTargets()) {
                // "provider,model: breaker …": a model may contain ": ", so split where the counters begin
                int counters = line.indexOf(": breaker ");
                if (counters > 0) {
                    targets.put(line.substring(0, counters), line.substring(counters + 2));
                }
            }
            Map<String, ProviderSnapshot> providers = new LinkedHashMap<>();
            health.getProviders().forEach(snapshot ->
                    providers.put(snapshot.provider().toLowerCase(Locale.ROOT), snapshot));
            return new Live(worker.get(), routing.getConfigSource(), targets, providers);
        } catch (IOException | RuntimeException noAnswer) {
            return new Unreachable(worker.get().pid(), noAnswer.getMessage() == null
                    ? noAnswer.getClass().getSimpleName() : noAnswer.getMessage());
        }
    }
}
