package dev.conduit.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration in force, validated.
 *
 * @param apiKey {@code APIKEY}: when set, clients must present it, and Conduit may bind
 *     addresses other than loopback
 * @param host {@code HOST}, default {@code 127.0.0.1}
 * @param port {@code PORT}, default 3456
 * @param log {@code LOG}: whether to write log files
 * @param logLevel {@code LOG_LEVEL}, one of fatal, error, warn, info, debug, trace
 * @param apiTimeout {@code API_TIMEOUT_MS}: the longest an upstream request may take in all
 * @param proxyUrl {@code PROXY_URL}: an HTTP proxy for upstream requests
 * @param warnings things worth telling the user that did not stop loading (for example a
 *     {@code CUSTOM_ROUTER_PATH} that cannot run here)
 * @param timeouts the global upstream limits ({@code total} is {@code apiTimeout}); providers may
 *     override them
 * @param drainTimeout how long a draining worker lets streams run before it ends them ({@code
 *     DRAIN_TIMEOUT_MS}, default 25 s)
 * @param pingInterval how often a stream gets a {@code ping} event while the upstream is silent
 *     ({@code PING_INTERVAL_MS}, default 15 s)
 * @param prices {@code Prices}: token prices by {@code "provider,model"} as configured, for the
 *     estimated cost; empty when not given
 * @param adminNeedsApiKey {@code ADMIN_REQUIRES_APIKEY}: whether {@code /health/detailed} and
 *     {@code /metrics} require {@code APIKEY} like the API does (by default they do)
 * @param failover retries, circuit breakers and key benching ({@code Router.retry}, {@code
 *     Router.breaker}, {@code Router.keyCooldownSeconds})
 * @param security limits, allowed hosts and origins, and where providers may be reached
 */
public record ConduitConfig(
        List<ProviderConfig> providers,
        RouterConfig router,
        Optional<Secret> apiKey,
        String host,
        int port,
        boolean log,
        String logLevel,
        Duration apiTimeout,
        Optional<String> proxyUrl,
        boolean nonInteractiveMode,
        ConfigSource source,
        List<String> warnings,
        UpstreamTimeouts timeouts,
        Duration drainTimeout,
        Duration pingInterval,
        Map<RouteTarget, TokenPrice> prices,
        boolean adminNeedsApiKey,
        FailoverSettings failover,
        SecuritySettings security) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 3456;
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(25);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

    public ConduitConfig {
        providers = List.copyOf(providers);
        warnings = List.copyOf(warnings);
        prices = Map.copyOf(prices);
    }

    /** A configuration with default timeouts, drain deadline, ping interval and security settings. */
    public ConduitConfig(List<ProviderConfig> providers, RouterConfig router, Optional<Secret> apiKey, String host,
            int port, boolean log, String logLevel, Duration apiTimeout, Optional<String> proxyUrl,
            boolean nonInteractiveMode, ConfigSource source, List<String> warnings) {
        this(providers, router, apiKey, host, port, log, logLevel, apiTimeout, proxyUrl, nonInteractiveMode, source,
                warnings, new UpstreamTimeouts(UpstreamTimeouts.DEFAULTS.connect(), UpstreamTimeouts.DEFAULTS.firstByte(),
                        UpstreamTimeouts.DEFAULTS.streamIdle(), apiTimeout),
                DEFAULT_DRAIN_TIMEOUT, DEFAULT_PING_INTERVAL, Map.of(), true, FailoverSettings.DEFAULTS,
                SecuritySettings.DEFAULTS);
    }

    public Optional<ProviderConfig> provider(String name) {
        for (ProviderConfig provider : providers) {
            if (provider.name().equalsIgnoreCase(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /** The same configuration listening elsewhere (command-line overrides). */
    public ConduitConfig withListener(String newHost, int newPort) {
        return new ConduitConfig(providers, router, apiKey, newHost, newPort, log, logLevel, apiTimeout,
                proxyUrl, nonInteractiveMode, source, warnings, timeouts, drainTimeout, pingInterval, prices,
                adminNeedsApiKey, failover, security);
    }
}
