package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.health.Monitoring;
import dev.conduit.management.DescribedMXBean;
import dev.conduit.management.Mbeans;
import dev.conduit.providers.UpstreamPool;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Keeps one {@code dev.conduit:type=Provider,name=<provider>} MBean per provider of the config in
 * force: {@link #apply} after each applied reload registers new providers and removes dropped ones.
 */
final class ProviderMBeans {

    private final Supplier<ConduitConfig> config;
    private final Monitoring monitoring;
    private final Supplier<List<UpstreamPool>> pools;
    private final Set<ObjectName> registered = new LinkedHashSet<>();

    ProviderMBeans(Supplier<ConduitConfig> config, Monitoring monitoring, Supplier<List<UpstreamPool>> pools) {
        this.config = config;
        this.monitoring = monitoring;
        this.pools = pools;
    }

    /** The object name of a provider's MBean; a name with characters JMX reserves is quoted. */
    static ObjectName name(String provider) {
        String value = provider.matches("[A-Za-z0-9_.@+-]+") ? provider : ObjectName.quote(provider);
        try {
            return new ObjectName(Mbeans.DOMAIN + ":type=Provider,name=" + value);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("no MBean name for provider " + provider, e);
        }
    }

    synchronized void apply(ConduitConfig next) {
        Set<ObjectName> wanted = new LinkedHashSet<>();
        for (ProviderConfig provider : next.providers()) {
            ObjectName name = name(provider.name());
            wanted.add(name);
            if (!registered.contains(name)) {
                Mbeans.register(new DescribedMXBean<>(new ProviderJmx(provider.name(), () -> find(provider.name()),
                        monitoring, pools), ProviderMXBean.class), name);
            }
        }
        registered.stream().filter(name -> !wanted.contains(name)).forEach(Mbeans::unregister);
        registered.clear();
        registered.addAll(wanted);
    }

    private Optional<ProviderConfig> find(String provider) {
        return config.get().providers().stream().filter(candidate -> candidate.name().equals(provider)).findFirst();
    }

    synchronized void close() {
        registered.forEach(Mbeans::unregister);
        registered.clear();
    }
}
