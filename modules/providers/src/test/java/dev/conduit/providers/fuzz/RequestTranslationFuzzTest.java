package dev.conduit.providers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.providers.gemini.GeminiRequestTranslator;
import dev.conduit.providers.openai.OpenAiDialect;
import dev.conduit.providers.openai.OpenAiRequestTranslator;
import dev.conduit.config.KnownTransformer;
import dev.conduit.config.TransformerEntry;
import dev.conduit.providers.transform.Exchange;
import dev.conduit.providers.transform.TransformerChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a client sends, reading and translating it for every kind of provider either refuses
 * it with a {@link ProtocolException} or a Jackson error (a 400 for the client) or gives a body
 * that serializes. Any other exception would be a 500.
 */
class RequestTranslationFuzzTest {

    /** Every dialect: plain, OpenAI's own API, DeepSeek's, OpenRouter's. */
    private static final List<OpenAiDialect> DIALECTS = List.of(
            new OpenAiDialect("plain", false, false, false, false),
            new OpenAiDialect("openai", true, true, false, false),
            new OpenAiDialect("deepseek", false, false, true, false),
            new OpenAiDialect("openrouter", false, true, false, true));

    /** Each request transformer alone (with options where it takes some), then all of them in one chain. */
    private static final List<TransformerChain> CHAINS = chains();

    @FuzzTest(maxDuration = "5m")
    void anthropicClient(byte[] body) {
        translateAll(body, AnthropicRequestReader::read);
    }

    @FuzzTest(maxDuration = "5m")
    void openAiClient(byte[] body) {
        MessagesRequest request = translateAll(body, OpenAiRequestReader::read);
        if (request != null) {
            // a provider that speaks the client's API gets the client's own body, transformed
            ObjectNode forwarded = (ObjectNode) Json.MAPPER.readTree(body);
            send(() -> transform(forwarded, request, false));
        }
    }

    /** The request read, or null when it was refused. */
    private static MessagesRequest translateAll(byte[] body, Function<JsonNode, MessagesRequest> reader) {
        MessagesRequest request;
        try {
            request = reader.apply(Json.MAPPER.readTree(body));
        } catch (JacksonException | ProtocolException refused) {
            return null;
        }
        for (String model : List.of(request.model(), "gpt-5", "anthropic/claude-sonnet-4.5")) {
            for (OpenAiDialect dialect : DIALECTS) {
                for (boolean stream : List.of(true, false)) {
                    send(() -> new OpenAiRequestTranslator(dialect).translate(request, model, stream));
                }
            }
            send(() -> transform(new OpenAiRequestTranslator(DIALECTS.getFirst()).translate(request, model, true),
                    request, true));
            send(() -> new GeminiRequestTranslator("gemini").translate(request, model));
        }
        return request;
    }

    /** Every chain of transformers worth trying on a body bound for an OpenAI-compatible server. */
    private static ObjectNode transform(ObjectNode body, MessagesRequest request, boolean translated) {
        Exchange exchange = new Exchange(request.model(), translated, request);
        for (TransformerChain chain : CHAINS) {
            ObjectNode copy = body.deepCopy();
            chain.request(copy, new HashMap<>(), exchange);
            Json.MAPPER.writeValueAsBytes(copy);
        }
        return body;
    }

    /** Serializes a translation, as the adapter does before it sends it; a refusal is a 400. */
    private static void send(Supplier<JsonNode> translation) {
        try {
            Json.MAPPER.writeValueAsBytes(translation.get());
        } catch (ProtocolException refused) {
            // for example a PDF to a server that reads none
        }
    }

    private static List<TransformerChain> chains() {
        List<TransformerEntry> all = new ArrayList<>();
        List<TransformerChain> chains = new ArrayList<>();
        for (KnownTransformer known : KnownTransformer.values()) {
            if (known.support() != KnownTransformer.Support.APPLIED) {
                continue;
            }
            ObjectNode options = Json.NODES.objectNode();
            switch (known) {
                case MAXTOKEN -> options.put("max_tokens", 100);
                case SAMPLING -> options.put("max_tokens", 50).put("temperature", 0.5).put("top_k", 3);
                case CUSTOMPARAMS, OPENROUTER, VERCEL -> options.putObject("provider").put("sort", "price");
                default -> { }
            }
            TransformerEntry entry = new TransformerEntry(known, options);
            all.add(entry);
            chains.add(TransformerChain.of(List.of(entry)));
            chains.add(TransformerChain.of(List.of(new TransformerEntry(known))));
        }
        chains.add(TransformerChain.of(all));
        return chains;
    }
}
