package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.InboundApi;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.routing.Explanation;
import dev.conduit.routing.RouteDecision;
import dev.conduit.routing.RouteRequest;
import dev.conduit.routing.Router;
import dev.conduit.routing.RoutingException;
import dev.conduit.routing.SessionUsage;
import dev.conduit.routing.TokenCounter;
import dev.conduit.server.routing.ProjectRouterFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What {@code conduit model --explain} shows: the route a worker with this config would choose for
 * a request, and why. The request is an Anthropic Messages body, or a capture
 * {@code {"method", "path", "headers", "body"}} (the path tells the API: {@code /v1/chat/completions}
 * is OpenAI's).
 */
public final class RouteExplainer {

    private RouteExplainer() {}

    /**
     * For {@code conduit model --explain}: a router of this config, with project and session
     * overrides read as the worker reads them and session usage empty, as in a worker that has
     * just started.
     *
     * @param source the request's file name, for messages
     */
    public static String explain(ConduitConfig config, ConfigLoader loader, Path userHome, String request, String source)
            throws ExplainException {
        return explain(new Router(config, TokenCounter.cl100k(), ProjectRouterFiles.forUser(userHome, config, loader),
                new SessionUsage()), request, source);
    }

    /** With the worker's own router, which knows its sessions' usage: what JMX {@code explain} shows. */
    static String explain(Router router, String request, String source) throws ExplainException {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(request);
        } catch (JacksonException notJson) {
            throw new ExplainException(source + ": not JSON: " + notJson.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (json == null || !json.isObject()) {
            throw new ExplainException(source + ": expected a request body or {\"path\", \"headers\", \"body\"}");
        }
        boolean capture = json.get("body") != null && json.get("body").isObject()
                && (json.has("path") || json.has("headers") || json.has("method"));
        JsonNode body = capture ? json.get("body") : json;
        InboundApi api = capture && json.path("path").asString("").contains("/chat/completions")
                ? InboundApi.OPENAI : InboundApi.ANTHROPIC;
        try {
            MessagesRequest read = api == InboundApi.OPENAI ? OpenAiRequestReader.read(body) : AnthropicRequestReader.read(body);
            long size = body.toString().getBytes(StandardCharsets.UTF_8).length;
            return report(router.explain(new RouteRequest(read, api, capture ? headers(json.get("headers")) : Map.of(), size)));
        } catch (ProtocolException invalid) {
            throw new ExplainException(source + ": not a valid " + api.label() + " request: " + invalid.getMessage());
        } catch (RoutingException unroutable) {
            throw new ExplainException(source + ": " + unroutable.getMessage());
        }
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new HashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(header -> {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!RouteRequest.CREDENTIAL_HEADERS.contains(name)) {
                    headers.put(name, header.getValue().isString() ? header.getValue().stringValue()
                            : header.getValue().toString());
                }
            });
        }
        return headers;
    }

    private static String report(RouteDecision decision) {
        StringBuilder text = new StringBuilder();
        line(text, "route", decision.name() + (decision.name().equals(decision.scenario().label()) ? ""
                : " (" + decision.scenario().label() + ")"));
        line(text, "target", decision.target().toString());
        if (decision.route().targets().size() > 1) {
            line(text, "balance", decision.route().toString());
        }
        line(text, "fallback", decision.fallbacks().isEmpty() ? "none"
                : String.join(", ", decision.fallbacks().stream().map(Object::toString).toList()));
        decision.sessionId().ifPresent(session -> line(text, "session", session
                + decision.routerSource().map(source -> " (Router from " + source + ")").orElse("")));
        decision.subagentTag().ifPresent(tag -> line(text, "removed", tag.tag() + " from system[" + tag.block() + "]"));
        text.append("why:\n");
        int width = decision.explanation().steps().stream().mapToInt(step -> step.route().length()).max().orElse(0);
        for (Explanation.Step step : decision.explanation().steps()) {
            text.append("  ").append(pad(step.route(), width)).append("  ").append(pad(step.verdict().label(), 7))
                    .append("  ").append(step.reason()).append('\n');
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(pad(label + ":", 10)).append(value).append('\n');
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
