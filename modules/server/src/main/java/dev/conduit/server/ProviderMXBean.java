package dev.conduit.server;

import dev.conduit.management.Description;
import java.util.List;
import java.util.Map;

/**
 * {@code dev.conduit:type=Provider,name=<provider>}: one configured provider — where it is, its
 * models, its health from live traffic, its breakers, tokens and upstream connections. One MBean
 * per provider of the config in force: a reload registers new providers and removes dropped ones.
 */
@Description("One provider of the config in force: models, health from live traffic, breakers, tokens and upstream connections")
public interface ProviderMXBean {

    /** The object name pattern of every provider's MBean. */
    String OBJECT_NAME_PATTERN = "dev.conduit:type=Provider,name=*";

    @Description("The provider's name in the config (Providers[].name)")
    String getName();

    @Description("Scheme, host and port of api_base_url (no path or query, which may carry secrets)")
    String getEndpoint();

    @Description("The provider's models in the config")
    List<String> getModels();

    @Description("How many API keys the config gives it (rotated on 429 and 401)")
    int getApiKeyCount();

    @Description("healthy, degraded or unhealthy: passive health from live traffic in the last 5 minutes")
    String getStatus();

    @Description("The same as a number for monitoring: 0 healthy, 1 degraded, 2 unhealthy")
    int getStatusLevel();

    @Description("Why the provider has its status")
    String getReason();

    @Description("Upstream attempts in the last 5 minutes, retried ones included")
    long getRecentAttempts();

    @Description("Failed upstream attempts in the last 5 minutes")
    long getRecentErrors();

    @Description("Failed share of upstream attempts in the last 5 minutes (0..1)")
    double getRecentErrorRatio();

    @Description("Moving average of the time to first token, in milliseconds; 0 before any answer")
    double getLatencyMillis();

    @Description("The kind of the last upstream failure (timeout, connect, status_5xx, ...); empty when none")
    String getLastErrorKind();

    @Description("When the last upstream failure happened (ISO-8601); empty when none")
    String getLastErrorAt();

    @Description("The result of the last active probe, when probes are configured; empty otherwise")
    String getLastProbe();

    @Description("Each model's circuit breaker: closed, half_open or open")
    Map<String, String> getBreakers();

    @Description("How many of its models' breakers are open now")
    int getOpenBreakers();

    @Description("Input tokens since the worker started, cached ones excluded")
    long getInputTokens();

    @Description("Output tokens since the worker started")
    long getOutputTokens();

    @Description("Tokens read from the provider's prompt cache since the worker started")
    long getCacheReadTokens();

    @Description("Tokens written to the provider's prompt cache since the worker started")
    long getCacheWriteTokens();

    @Description("Estimated cost in US dollars since the worker started, from the configured price table")
    double getEstimatedCostUsd();

    @Description("Upstream connections in use now")
    int getConnectionsActive();

    @Description("Idle upstream connections kept for reuse")
    int getConnectionsIdle();

    @Description("Requests waiting for an upstream connection now")
    int getRequestsQueued();
}
