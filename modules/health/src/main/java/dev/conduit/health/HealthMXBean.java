package dev.conduit.health;

import dev.conduit.management.Description;
import java.util.List;

/**
 * The worker's health over JMX ({@value #OBJECT_NAME}), in open types only. Every read evaluates
 * the checks afresh. Emits a {@value #CHANGED} notification on each change of the overall
 * status, whose user data is a CompositeData with {@code previous}, {@code current} and
 * {@code reason}.
 */
@Description("Health of this Conduit worker: overall status, named checks, readiness and passive provider health")
public interface HealthMXBean {

    String OBJECT_NAME = "dev.conduit:type=Health";

    /** The notification type of a change of the overall status. */
    String CHANGED = "dev.conduit.health.changed";

    @Description("healthy, degraded or unhealthy: the worst status of the checks, evaluated now")
    String getStatus();

    @Description("The same as a number for monitoring: 0 healthy, 1 degraded, 2 unhealthy")
    int getStatusLevel();

    @Description("Why: the checks that set the status, with their reasons")
    String getReason();

    @Description("Every check with its name, status (healthy, degraded, unhealthy) and reason")
    List<CheckResult> getChecks();

    @Description("Whether the worker takes traffic now: what /ready answers")
    boolean isReady();

    @Description("Why the worker takes traffic or not: ready, starting, draining, or no usable provider configured")
    String getReadinessReason();

    @Description("Client requests completed in the last 5 minutes")
    long getRecentRequests();

    @Description("Failed client requests in the last 5 minutes")
    long getRecentFailures();

    @Description("Failed share of client requests in the last 5 minutes (0..1)")
    double getRecentErrorRatio();

    @Description("Passive health of each configured provider from live traffic in the last 5 minutes")
    List<ProviderSnapshot> getProviders();
}
