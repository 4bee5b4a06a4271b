package dev.conduit.providers.transform;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.Thinking;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openrouter}: messages cleaned of what OpenRouter's upstreams reject (empty text parts,
 * empty messages, {@code cache_control} for models other than Claude), the options set on the
 * body (so {@code provider} routing works), OpenRouter's web plugin when the client offers
 * Anthropic's web search, the client's thinking as OpenRouter's {@code reasoning} option, and answers with its reasoning details, odd tool-call ids, errors and
 * citations made plain (see {@link OpenRouterAnswers}).
 *
 * <p>Options {@code referer} and {@code title} become OpenRouter's app-attribution headers
 * {@code HTTP-Referer} and {@code X-Title}, and {@code providerOrder} becomes {@code
 * provider.order}, as older claude-code-router versions read them.
 */
public record OpenRouter(ObjectNode options) implements Transformer {

    private static final Set<String> HEADER_OPTIONS = Set.of("referer", "title", "providerOrder");

    public OpenRouter {
        options = options.deepCopy();
    }

    static boolean isClaude(String model) {
        return model.toLowerCase(Locale.ROOT).contains("claude");
    }

    @Override
    public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
        sanitize(Bodies.messages(body));
        if (!isClaude(exchange.model())) {
            Bodies.removeMessageCacheControl(body);
        }
        options.properties().stream().filter(option -> !HEADER_OPTIONS.contains(option.getKey()))
                .forEach(option -> body.set(option.getKey(), option.getValue().deepCopy()));
        if (options.path("referer").isString()) {
            headers.put("HTTP-Referer", options.get("referer").stringValue());
        }
        if (options.path("title").isString()) {
            headers.put("X-Title", options.get("title").stringValue());
        }
        if (options.get("providerOrder") instanceof ArrayNode order && !order.isEmpty()) {
            JsonNode provider = body.get("provider");
            (provider instanceof ObjectNode object ? object : body.putObject("provider")).set("order", order.deepCopy());
        }
        if (exchange.translated() && exchange.wantsWebSearch()) {
            addWebPlugin(body);
        }
        ObjectNode reasoning = exchange.translated() && !body.has("reasoning") ? reasoning(exchange.request().thinking()) : null;
        if (reasoning != null) {
            body.set("reasoning", reasoning);
        }
    }

    /**
     * A client's thinking as OpenRouter's {@code reasoning} option, which models such as Claude
     * need before they think at all: the budget as {@code max_tokens} (OpenRouter turns it into an
     * effort for models that take only that), adaptive thinking as {@code enabled}. Without
     * thinking, or with it off, nothing: the model's default, which some models cannot leave.
     */
    private static ObjectNode reasoning(Thinking thinking) {
        return switch (thinking) {
            case Thinking.Enabled enabled -> Json.NODES.objectNode().put("max_tokens", enabled.budgetTokens());
            case Thinking.Adaptive adaptive -> Json.NODES.objectNode().put("enabled", true);
            case Thinking.Disabled disabled -> null;
            case null -> null;
        };
    }

    @Override
    public AnswerHook answers(Exchange exchange) {
        return new OpenRouterAnswers(exchange.translated());
    }

    /**
     * Leaves out empty text parts and messages with nothing in them; an assistant message with
     * tool calls and no text gets {@code content: null}.
     */
    private static void sanitize(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (!(messages.get(i) instanceof ObjectNode message)) {
                continue;
            }
            if (message.get("content") instanceof ArrayNode parts) {
                parts.removeIf(part -> "text".equals(Bodies.text(part, "type")) && Bodies.isBlank(part.get("text")));
            }
            boolean toolCalls = !Bodies.isBlank(message.get("tool_calls"));
            boolean content = !Bodies.isBlank(message.get("content"));
            if ("assistant".equals(Bodies.text(message, "role")) && toolCalls && !content) {
                message.putNull("content");
            }
            if (!"tool".equals(Bodies.text(message, "role")) && !toolCalls && !content) {
                messages.remove(i);
            }
        }
    }

    /** OpenRouter's web search: the {@code web} plugin, once. */
    private static void addWebPlugin(ObjectNode body) {
        JsonNode plugins = body.get("plugins");
        ArrayNode list = plugins instanceof ArrayNode array ? array : body.putArray("plugins");
        for (JsonNode plugin : list) {
            if ("web".equals(Bodies.text(plugin, "id"))) {
                return;
            }
        }
        list.addObject().put("id", "web");
    }
}
