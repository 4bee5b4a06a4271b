package dev.conduit.routing;

import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a request goes and why: the plan the server executes.
 *
 * @param scenario what chose the route
 * @param name the route's name: the scenario's label ({@code think}), or the rule's name for
 *     {@link Scenario#RULE}; {@code Router.fallback} is keyed by it, and logs and metrics show it
 * @param route the candidates: one target, or equivalent targets and how to balance between them
 * @param fallbacks targets to try in order when the route's own fail ({@code Router.fallback});
 *     none for explicit and subagent targets, which name exactly what the client wants
 * @param request the request to forward: as read, less the subagent tag
 * @param sessionId the Claude Code session the request belongs to, if it says
 * @param routerSource where the {@code Router} used came from when a project or session override
 *     replaced the config's
 * @param explanation every route considered and why it did or did not apply
 * @param subagentTag the subagent tag removed from the system prompt, whichever route won
 */
public record RouteDecision(
        Scenario scenario,
        String name,
        Route route,
        List<RouteTarget> fallbacks,
        MessagesRequest request,
        Optional<String> sessionId,
        Optional<String> routerSource,
        Explanation explanation,
        Optional<SubagentTag> subagentTag) {

    public RouteDecision {
        fallbacks = List.copyOf(fallbacks);
    }

    /** The primary target: the route's first candidate. */
    public RouteTarget target() {
        return route.primary();
    }

    /**
     * Removes from the client's own body what the router consumed (the subagent tag), so that a
     * request forwarded as the client wrote it carries no more than {@link #request()} does.
     */
    public void cleanClientBody(ObjectNode body) {
        subagentTag.ifPresent(tag -> tag.removeFrom(body));
    }
}
