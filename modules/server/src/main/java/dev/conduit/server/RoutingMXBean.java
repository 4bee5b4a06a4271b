package dev.conduit.server;

import dev.conduit.management.Description;
import java.util.List;

/**
 * {@value #OBJECT_NAME}: the routes and rules in force, every target's breaker and counters, the
 * config reload, and why a request goes where it does. A reload sends {@value #CONFIG_RELOADED} or {@value #CONFIG_REJECTED}, with the
 * outcome as the message; a breaker that opens or closes sends {@value #BREAKER_OPENED} or {@value #BREAKER_CLOSED}.
 */
@Description("Routing of this Conduit worker: the routes and rules in force, the config reload, and why a request "
        + "goes where it does")
public interface RoutingMXBean {

    String OBJECT_NAME = "dev.conduit:type=Routing";

    /** The notification type of a reload that put a new config in force. */
    String CONFIG_RELOADED = "dev.conduit.config.reloaded";

    /** The notification type of a reload whose config was rejected; the previous config keeps serving. */
    String CONFIG_REJECTED = "dev.conduit.config.rejected";

    /** The notification type of a breaker that opened (after failures, or by openBreaker): its target is skipped. */
    String BREAKER_OPENED = "dev.conduit.breaker.opened";

    /** The notification type of a breaker that closed: its target is back in service. */
    String BREAKER_CLOSED = "dev.conduit.breaker.closed";

    @Description("The config file in force and what pointed at it")
    String getConfigSource();

    @Description("The routes set in Router, in order of precedence (an explicit \"provider,model\" and the subagent "
            + "tag are not listed): slot → target")
    List<String> getRoutes();

    @Description("Router.rules in the order they are tried: name: conditions → target")
    List<String> getRules();

    @Description("Router.longContextThreshold: requests with more input tokens take the longContext route")
    int getLongContextThreshold();

    @Description("The last config reload since the worker started: applied or rejected, what asked for it, and why; "
            + "empty before the first")
    String getLastReload();

    @Description("Settings the config file changed that keep their running value until the worker restarts "
            + "(HOST, PORT, APIKEY, ADMIN_REQUIRES_APIKEY, LOG)")
    List<String> getSettingsNeedingRestart();

    @Description("Every target (provider,model) with its circuit breaker and counters since the worker started: "
            + "attempts, errors, retries, fallbacks, times skipped while its breaker was open, and the moving average "
            + "of the time to the first byte")
    List<String> getTargets();

    @Description("Takes a target (\"provider,model\") out of service: its breaker stays open until closeBreaker. "
            + "A route's only target is still tried. Returns the breaker's state")
    String openBreaker(String target);

    @Description("Puts a target (\"provider,model\") back in service at once, its failures forgotten. Returns the "
            + "breaker's state")
    String closeBreaker(String target);

    @Description("Reads and validates the whole config file again and puts it in force for new requests; requests in "
            + "flight finish on the config they started with. A config with errors is rejected and the one in force "
            + "keeps serving. Returns the outcome")
    String reload();

    @Description("The route a request would take now, and why each route did or did not apply. The argument is an "
            + "Anthropic Messages body, or a capture {\"method\", \"path\", \"headers\", \"body\"}")
    String explain(String request);
}
