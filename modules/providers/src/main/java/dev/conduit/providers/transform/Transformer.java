package dev.conduit.providers.transform;

import dev.conduit.config.TransformerEntry;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Thinking;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of claude-code-router's built-in transformers, as Conduit applies it to an OpenAI Chat
 * Completions exchange: on the request body Conduit is about to send (translated from the hub
 * model, or the OpenAI client's own), and on the answer before it is translated or forwarded.
 * Each follows claude-code-router's source; where Conduit differs, the record says why.
 */
public sealed interface Transformer permits Transformer.Deepseek, Transformer.Groq, Transformer.Glm,
        Transformer.MaxToken, Transformer.MaxCompletionTokens, Transformer.Sampling, Transformer.Reasoning,
        Transformer.CleanCache, Transformer.StreamOptions, Transformer.CustomParams, Transformer.Vercel, OpenRouter,
        EnhanceTool, ToolUse {

    /** Changes the request body, and the request's headers, before the request is sent. */
    default void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
    }

    /** What this transformer does to the answer of one request; most do nothing. */
    default AnswerHook answers(Exchange exchange) {
        return AnswerHook.NONE;
    }

    /**
     * The transformer an entry names; empty for names that change nothing in a Chat Completions
     * exchange: those that choose the provider's API, those without effect in Conduit, and
     * {@code maxtoken} without its maximum.
     */
    static Optional<Transformer> of(TransformerEntry entry) {
        ObjectNode options = entry.options();
        return Optional.ofNullable(switch (entry.transformer()) {
            case ANTHROPIC, OPENAI, GEMINI, CEREBRAS, FORCEREASONING, VERTEX_GEMINI, VERTEX_CLAUDE, OPENAI_RESPONSES -> null;
            case DEEPSEEK -> new Deepseek();
            case OPENROUTER -> new OpenRouter(options);
            case VERCEL -> new Vercel(options);
            case GROQ -> new Groq();
            case GLM -> new Glm();
            case MAXTOKEN -> options.has("max_tokens") ? new MaxToken(options.get("max_tokens").longValue()) : null;
            case MAXCOMPLETIONTOKENS -> new MaxCompletionTokens(options.has("max_completion_tokens")
                    ? options.get("max_completion_tokens").longValue() : null);
            case SAMPLING -> new Sampling(options);
            case REASONING -> new Reasoning(options.path("enable").asBoolean(true));
            case CLEANCACHE -> new CleanCache();
            case ENHANCETOOL -> new EnhanceTool();
            case TOOLUSE -> new ToolUse();
            case CUSTOMPARAMS -> new CustomParams(options);
            case STREAMOPTIONS -> new StreamOptions();
        });
    }

    /**
     * {@code deepseek}: DeepSeek's output limit of 8192 tokens; a whole answer that has only
     * reasoning (DeepSeek's flash models answer so) gets it as its text. Reasoning in streams
     * becomes thinking without help, as for every provider.
     */
    record Deepseek() implements Transformer {

        static final long MAX_OUTPUT_TOKENS = 8192;

        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            Bodies.capOutputTokens(body, MAX_OUTPUT_TOKENS);
        }

        @Override
        public AnswerHook answers(Exchange exchange) {
            return new AnswerHook() {
                @Override
                public void completion(ObjectNode completion, Consumer<ContentBlock> leading) {
                    ObjectNode message = Bodies.part(Bodies.firstChoice(completion), "message");
                    String reasoning = Bodies.text(message, "reasoning_content");
                    if (reasoning != null && !reasoning.isEmpty() && Bodies.isBlank(message.get("content"))) {
                        message.put("content", reasoning);
                        message.remove("reasoning_content");
                    }
                }
            };
        }
    }

    /**
     * {@code groq}: no {@code cache_control} on messages, no {@code $schema} in tool parameters,
     * no {@code reasoning} object: Groq rejects them. (claude-code-router also gives every streamed
     * tool call a fresh id; Conduit keeps Groq's, which are unique.)
     */
    record Groq() implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            Bodies.removeMessageCacheControl(body);
            for (JsonNode tool : Bodies.tools(body)) {
                Bodies.removeEverywhere(tool.path("function").path("parameters"), "$schema");
            }
            body.remove("reasoning");
        }
    }

    /** {@code glm}: GLM's output limit of 128,000 tokens, and {@code tool_stream} for streams with tools. */
    record Glm() implements Transformer {

        static final long MAX_OUTPUT_TOKENS = 128_000;

        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            Bodies.capOutputTokens(body, MAX_OUTPUT_TOKENS);
            if (body.path("stream").asBoolean(false) && !Bodies.tools(body).isEmpty()) {
                body.put("tool_stream", true);
            }
        }
    }

    /** {@code maxtoken}: lowers the output limit to {@code max_tokens}; a smaller request keeps its own. */
    record MaxToken(long maxTokens) implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            Bodies.capOutputTokens(body, maxTokens);
        }
    }

    /**
     * {@code maxcompletiontokens}: sends the output limit as {@code max_completion_tokens}, the
     * configured one or else the request's.
     */
    record MaxCompletionTokens(Long maxCompletionTokens) implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            JsonNode requested = body.remove("max_tokens");
            if (maxCompletionTokens != null) {
                body.put("max_completion_tokens", maxCompletionTokens);
            } else if (requested != null && requested.isNumber()) {
                body.set("max_completion_tokens", requested); // as the client wrote it, whole or not
            }
        }
    }

    /**
     * {@code sampling}: sets {@code temperature}, {@code top_p}, {@code top_k} and {@code
     * repetition_penalty} as configured, and lowers the output limit to {@code max_tokens}.
     */
    record Sampling(ObjectNode options) implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            if (options.has("max_tokens")) {
                Bodies.capOutputTokens(body, options.get("max_tokens").longValue());
            }
            for (String key : new String[] {"temperature", "top_p", "top_k", "repetition_penalty"}) {
                if (options.has(key)) {
                    body.set(key, options.get(key).deepCopy());
                }
            }
        }
    }

    /**
     * {@code reasoning}: thinking switched on the way Qwen-style servers read it ({@code
     * enable_thinking}, {@code thinking}, and {@code thinking_budget} when the client gave a
     * budget) when the client asks for thinking; with {@code "enable": false}, always off.
     */
    record Reasoning(boolean enable) implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            if (!enable) {
                body.putObject("thinking").put("type", "disabled").put("budget_tokens", -1);
                body.put("enable_thinking", false);
                return;
            }
            Thinking thinking = exchange.request().thinking();
            if (thinking == null || !thinking.isOn()) {
                return;
            }
            ObjectNode requested = body.putObject("thinking").put("type", "enabled");
            body.put("enable_thinking", true);
            if (thinking instanceof Thinking.Enabled enabled) {
                requested.put("budget_tokens", enabled.budgetTokens());
                body.put("thinking_budget", enabled.budgetTokens());
            }
        }
    }

    /** {@code cleancache}: no {@code cache_control} anywhere in the request. */
    record CleanCache() implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            Bodies.removeEverywhere(body, "cache_control");
        }
    }

    /** {@code streamoptions}: streams ask for the usage chunk ({@code stream_options.include_usage}). */
    record StreamOptions() implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            if (body.path("stream").asBoolean(false)) {
                JsonNode options = body.get("stream_options");
                (options instanceof ObjectNode object ? object : body.putObject("stream_options"))
                        .put("include_usage", true);
            }
        }
    }

    /**
     * {@code customparams}: the options merged into the request body, objects key by key; other
     * values replace the request's.
     */
    record CustomParams(ObjectNode params) implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            Bodies.deepMerge(body, params);
        }
    }

    /**
     * {@code vercel} (Vercel AI Gateway): as {@code openrouter} for models other than Claude, no
     * {@code cache_control} but the gateway's automatic caching; the options are set on the body.
     */
    record Vercel(ObjectNode options) implements Transformer {
        @Override
        public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
            if (!OpenRouter.isClaude(exchange.model())) {
                Bodies.removeMessageCacheControl(body);
                JsonNode providerOptions = body.get("providerOptions");
                ObjectNode gateway = (providerOptions instanceof ObjectNode object ? object
                        : body.putObject("providerOptions")).putObject("gateway");
                gateway.put("caching", "auto");
            }
            Bodies.assign(body, options);
        }

        @Override
        public AnswerHook answers(Exchange exchange) {
            return new OpenRouterAnswers(false);
        }
    }
}
