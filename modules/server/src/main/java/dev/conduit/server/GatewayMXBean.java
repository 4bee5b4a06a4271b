package dev.conduit.server;

import dev.conduit.management.Description;

/**
 * {@value #OBJECT_NAME}: this worker as a whole — state, version, uptime, config source, the last
 * reload — and the operations an operator types: {@code reload()}, {@code drain(seconds)},
 * {@code restart()}. Notifications: {@link RoutingMXBean#CONFIG_RELOADED},
 * {@link RoutingMXBean#CONFIG_REJECTED} (as the Routing MBean sends them), {@value #DRAINING} and
 * {@value #RESTART_REQUESTED}.
 */
@Description("This Conduit worker: state, version, uptime, config source and last reload; reload, drain and restart")
public interface GatewayMXBean {

    String OBJECT_NAME = "dev.conduit:type=Gateway";

    /** The worker stopped accepting: it finishes its requests and exits. The message says why and until when. */
    String DRAINING = "dev.conduit.gateway.draining";

    /** The worker asked its supervisor for a rolling restart. */
    String RESTART_REQUESTED = "dev.conduit.gateway.restart";

    @Description("SERVING, DRAINING (finishing requests, streams run to the deadline), ENDING (deadline passed) or DRAINED")
    String getState();

    @Description("True while the worker takes new requests (state SERVING)")
    boolean isServing();

    @Description("Conduit's version")
    String getVersion();

    @Description("Process id of this worker")
    long getPid();

    @Description("Seconds since this worker's process started")
    long getUptimeSeconds();

    @Description("When this worker's process started (ISO-8601)")
    String getStartedAt();

    @Description("The address the worker listens on, host:port")
    String getListenAddress();

    @Description("DRAIN_TIMEOUT_MS in seconds: how long a drain lets streams run unless drain(seconds) says otherwise")
    long getDrainTimeoutSeconds();

    @Description("True when a supervisor runs this worker: restart() is then a rolling restart by the supervisor")
    boolean isSupervised();

    @Description("The config file in force and what pointed at it")
    String getConfigSource();

    @Description("When the last config reload ran (ISO-8601); empty before the first")
    String getLastReloadTime();

    @Description("Seconds since the epoch of the last config reload; 0 before the first")
    long getLastReloadEpochSeconds();

    @Description("applied or rejected: the result of the last config reload; empty before the first")
    String getLastReloadResult();

    @Description("True unless the last config reload was rejected (the previous config then keeps serving)")
    boolean isLastReloadSucceeded();

    @Description("The last config reload in one line: result, what asked for it, and what is in force or why it was rejected")
    String getLastReload();

    @Description("Reads and validates the config file again and puts it in force for new requests; a config with errors "
            + "is rejected and the one in force keeps serving. Returns the outcome: applied (...) or rejected (...)")
    String reload();

    @Description("Takes the worker out of service: stops accepting, lets requests finish and streams run for up to the "
            + "given seconds (1 to 3600), then stops. A supervisor starts no replacement until restart")
    String drain(int seconds);

    @Description("Restarts the worker: a rolling restart by the supervisor (a new worker serves before this one drains). "
            + "Without a supervisor there is nobody to start a new worker, and the operation fails")
    String restart();
}
