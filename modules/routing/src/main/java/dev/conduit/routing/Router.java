package dev.conduit.routing;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Role;
import dev.conduit.protocol.anthropic.Thinking;
import dev.conduit.protocol.anthropic.Tool;
import dev.conduit.routing.Explanation.Step;
import dev.conduit.routing.Explanation.Verdict;
import dev.conduit.routing.SessionRouters.SessionRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Chooses the route of a request, first match wins:
 * <ol>
 *   <li>an explicit {@code "provider,model"} in the model field (matched ignoring case, sent with
 *       the configured spelling);</li>
 *   <li>{@code Router.rules}, in order;</li>
 *   <li>claude-code-router's scenarios, in its order: {@code longContext}, the subagent tag,
 *       {@code background}, {@code webSearch}, {@code think}, {@code image}; a scenario whose
 *       route is not set is skipped;</li>
 *   <li>{@code Router.default}.</li>
 * </ol>
 * A session's project or session override replaces {@code Router} for its requests, except
 * {@code background}, which claude-code-router always takes from the config. Tokens are worked
 * out only when a route set in the config needs them, and only as far as it needs them; the
 * reasons of an {@link Explanation} are written only when one is asked for ({@link #explain}).
 */
public final class Router {

    /** claude-code-router keeps a session on the long-context route while its requests exceed this. */
    static final long SESSION_LONG_CONTEXT_FLOOR = 20_000;

    private final ConduitConfig config;
    private final TokenCounter counter;
    private final SessionRouters sessionRouters;
    private final SessionUsage sessionUsage;

    /** A router without session overrides, with its own session usage and cl100k token counter. */
    public Router(ConduitConfig config) {
        this(config, TokenCounter.cl100k(), SessionRouters.NONE, new SessionUsage());
    }

    public Router(ConduitConfig config, TokenCounter counter, SessionRouters sessionRouters, SessionUsage sessionUsage) {
        this.config = config;
        this.counter = counter;
        this.sessionRouters = sessionRouters;
        this.sessionUsage = sessionUsage;
    }

    /** Where the server records each session's usage as requests complete. */
    public SessionUsage sessionUsage() {
        return sessionUsage;
    }

    public RouteDecision route(MessagesRequest request) {
        return route(RouteRequest.of(request));
    }

    public RouteDecision explain(MessagesRequest request) {
        return explain(RouteRequest.of(request));
    }

    /**
     * The route of a request, with an empty {@link RouteDecision#explanation()}.
     *
     * @throws RoutingException when no configured target can serve the request
     */
    public RouteDecision route(RouteRequest request) {
        return decide(request, false);
    }

    /**
     * The route of a request with every route considered and why it did or did not apply, for
     * {@code conduit model --explain} and JMX; the worker's requests use {@link #route}.
     *
     * @throws RoutingException when no configured target can serve the request
     */
    public RouteDecision explain(RouteRequest request) {
        return decide(request, true);
    }

    private RouteDecision decide(RouteRequest request, boolean explaining) {
        MessagesRequest message = request.message();
        Optional<String> session = SessionIds.of(message.userId(), request.headers());
        Optional<SessionRouter> override = session.flatMap(sessionRouters::find);
        Attempt attempt = new Attempt(request, override.map(SessionRouter::router).orElse(config.router()), session,
                override, SubagentTag.find(message.system()), new TokenGauge(message, counter, request.bodyBytes()),
                explaining ? new ArrayList<>() : null);
        return explicit(attempt)
                .or(() -> rules(attempt))
                .or(() -> longContext(attempt))
                .or(() -> subagent(attempt))
                .or(() -> background(attempt))
                .or(() -> webSearch(attempt))
                .or(() -> think(attempt))
                .or(() -> image(attempt))
                .orElseGet(() -> defaultRoute(attempt));
    }

    /**
     * One request on its way through the routes, with the steps explained so far; {@code steps}
     * is null when no explanation is wanted, and reasons are then never written.
     */
    private record Attempt(RouteRequest request, RouterConfig router, Optional<String> session,
            Optional<SessionRouter> override, Optional<SubagentTag> tag, TokenGauge tokens, List<Step> steps) {

        MessagesRequest message() {
            return request.message();
        }

        Optional<RouteDecision> no(String route, Supplier<String> reason) {
            if (steps != null) {
                steps.add(new Step(route, Verdict.NOT_MATCHED, reason.get()));
            }
            return Optional.empty();
        }

        Optional<RouteDecision> notSet(String slot) {
            if (steps != null) {
                steps.add(new Step(slot, Verdict.SKIPPED, "Router." + slot + " is not set"));
            }
            return Optional.empty();
        }

        Optional<RouteDecision> yes(Scenario scenario, String name, String shownName, Supplier<String> reason, Route route,
                List<RouteTarget> fallbacks) {
            if (steps != null) {
                steps.add(new Step(shownName, Verdict.MATCHED, reason.get() + " → " + route));
            }
            MessagesRequest forwarded = tag.map(found -> found.removeFrom(message())).orElse(message());
            return Optional.of(new RouteDecision(scenario, name, route, fallbacks, forwarded, session,
                    override.map(SessionRouter::source), steps == null ? Explanation.NONE : new Explanation(steps), tag));
        }

        Optional<RouteDecision> yes(Scenario scenario, Supplier<String> reason, Route route) {
            return yes(scenario, scenario.label(), scenario.label(), reason, route, router.fallbackOf(scenario.label()));
        }
    }

    private Optional<RouteDecision> explicit(Attempt attempt) {
        String model = attempt.message().model();
        Optional<RouteTarget> named = RouteTarget.parse(model);
        if (named.isEmpty()) {
            return attempt.no("explicit", () -> "model \"" + model + "\" is not \"provider,model\"");
        }
        RouteTarget target = canonical(named.get(), "model \"" + named.get() + "\"");
        return attempt.yes(Scenario.EXPLICIT, "explicit", "explicit", () -> "the model field names a target",
                new Route.Single(target), List.of());
    }

    private Optional<RouteDecision> rules(Attempt attempt) {
        for (RoutingRule rule : attempt.router().rules()) {
            Optional<RuleCondition> failing = RuleCheck.failing(rule, attempt.request(), attempt.tokens());
            if (failing.isEmpty()) {
                return attempt.yes(Scenario.RULE, rule.name(), shown(rule), () -> switch (rule.conditions().size()) {
                    case 0 -> "it has no conditions";
                    case 1 -> "its condition holds";
                    default -> "all " + rule.conditions().size() + " conditions hold";
                }, rule.target(), attempt.router().fallbackOf(rule.name()));
            }
            attempt.no(shown(rule), () -> RuleCheck.why(failing.get(), attempt.request(), attempt.tokens()));
        }
        return Optional.empty();
    }

    private static String shown(RoutingRule rule) {
        return "rule \"" + rule.name() + "\"";
    }

    private Optional<RouteDecision> longContext(Attempt attempt) {
        Optional<Route> route = attempt.router().longContext();
        if (route.isEmpty()) {
            return attempt.notSet("longContext");
        }
        long threshold = attempt.router().longContextThreshold();
        TokenGauge tokens = attempt.tokens();
        if (tokens.above(threshold)) {
            return attempt.yes(Scenario.LONG_CONTEXT, () -> "input tokens " + tokens.describe() + " > " + threshold,
                    route.get());
        }
        OptionalLong last = attempt.session().map(sessionUsage::lastInputTokens).orElse(OptionalLong.empty());
        if (last.isPresent() && last.getAsLong() > threshold && tokens.above(SESSION_LONG_CONTEXT_FLOOR)) {
            return attempt.yes(Scenario.LONG_CONTEXT, () -> "the session's last request had " + last.getAsLong()
                    + " input tokens (> " + threshold + ") and this one " + tokens.describe() + " (> "
                    + SESSION_LONG_CONTEXT_FLOOR + ")", route.get());
        }
        return attempt.no("longContext", () -> "input tokens " + tokens.describe() + ", not over " + threshold
                + (last.isEmpty() ? "" : "; the session's last request had " + last.getAsLong() + " input tokens"));
    }

    private Optional<RouteDecision> subagent(Attempt attempt) {
        if (attempt.tag().isEmpty()) {
            return attempt.no("subagent", () -> "no <CCR-SUBAGENT-MODEL> tag in the system prompt");
        }
        SubagentTag tag = attempt.tag().get();
        String where = "the <CCR-SUBAGENT-MODEL> tag in system[" + tag.block() + "]";
        RouteTarget named = RouteTarget.parse(tag.route()).orElseThrow(() -> new RoutingException(400,
                where + " holds \"" + tag.route() + "\", not \"provider,model\""));
        RouteTarget target = canonical(named, where + " (\"" + named + "\")");
        return attempt.yes(Scenario.SUBAGENT, "subagent", "subagent", () -> "system[" + tag.block() + "] names "
                + tag.route() + " (the tag is removed before forwarding)", new Route.Single(target), List.of());
    }

    private Optional<RouteDecision> background(Attempt attempt) {
        // claude-code-router reads background from the config even when a project overrides Router
        Optional<Route> route = config.router().background();
        if (route.isEmpty()) {
            return attempt.notSet("background");
        }
        String model = attempt.message().model();
        if (!model.contains("claude") || !model.contains("haiku")) {
            return attempt.no("background", () -> "model \"" + model + "\" is not a Claude Haiku model");
        }
        return attempt.yes(Scenario.BACKGROUND, "background", "background", () -> "model \"" + model
                + "\" is a Claude Haiku model", route.get(), config.router().fallbackOf("background"));
    }

    private Optional<RouteDecision> webSearch(Attempt attempt) {
        Optional<Route> route = attempt.router().webSearch();
        if (route.isEmpty()) {
            return attempt.notSet("webSearch");
        }
        for (Tool tool : attempt.message().tools()) {
            if (tool.type() != null && tool.type().startsWith("web_search")) {
                return attempt.yes(Scenario.WEB_SEARCH, () -> "tool \"" + tool.name() + "\" is of type " + tool.type(),
                        route.get());
            }
        }
        return attempt.no("webSearch", () -> "no tool of type web_search*");
    }

    private Optional<RouteDecision> think(Attempt attempt) {
        Optional<Route> route = attempt.router().think();
        if (route.isEmpty()) {
            return attempt.notSet("think");
        }
        return switch (attempt.message().thinking()) {
            case null -> attempt.no("think", () -> "the request does not ask for thinking");
            case Thinking.Disabled disabled -> attempt.no("think", () -> "thinking is disabled");
            case Thinking.Adaptive adaptive -> attempt.yes(Scenario.THINK, () -> "thinking is adaptive", route.get());
            case Thinking.Enabled enabled -> attempt.yes(Scenario.THINK, () -> "thinking is enabled (budget "
                    + enabled.budgetTokens() + " tokens)", route.get());
        };
    }

    private Optional<RouteDecision> image(Attempt attempt) {
        Optional<Route> route = attempt.router().image();
        if (route.isEmpty()) {
            return attempt.notSet("image");
        }
        List<Message> messages = attempt.message().messages();
        if (messages.isEmpty() || messages.getLast().role() != Role.USER || !hasImage(messages.getLast().content())) {
            return attempt.no("image", () -> "the last message is not a user message with an image");
        }
        return attempt.yes(Scenario.IMAGE, () -> "the last user message carries an image", route.get());
    }

    private static boolean hasImage(List<ContentBlock> blocks) {
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Image
                    || (block instanceof ContentBlock.ToolResult result && hasImage(result.content()))) {
                return true;
            }
        }
        return false;
    }

    private RouteDecision defaultRoute(Attempt attempt) {
        // a project's Router without a default falls back to the config's (claude-code-router fails)
        Route route = attempt.router().defaultRoute().or(() -> config.router().defaultRoute()).orElseThrow(this::noDefault);
        return attempt.yes(Scenario.DEFAULT, () -> "no other route applies", route).orElseThrow();
    }

    private RouteTarget canonical(RouteTarget requested, String what) {
        ProviderConfig provider = config.provider(requested.provider()).orElseThrow(() -> new RoutingException(404,
                what + ": no provider named \"" + requested.provider() + "\" is configured" + knownProviders()));
        String model = provider.models().stream()
                .filter(known -> known.equalsIgnoreCase(requested.model()))
                .findFirst()
                .orElse(requested.model());
        return new RouteTarget(provider.name(), model);
    }

    private RoutingException noDefault() {
        if (config.providers().isEmpty()) {
            return new RoutingException(400, "Conduit has no provider configured. Add one to the Providers list of "
                    + "~/.conduit/config.json and set Router.default (see docs/CONFIG.md), or set an API key "
                    + "variable such as OPENAI_API_KEY or OPENROUTER_API_KEY and restart.");
        }
        return new RoutingException(400, "Router.default is not set, so only models written as \"provider,model\" "
                + "can be served" + knownProviders());
    }

    private String knownProviders() {
        if (config.providers().isEmpty()) {
            return "";
        }
        return " (configured: " + config.providers().stream().map(ProviderConfig::name).collect(Collectors.joining(", ")) + ")";
    }
}
