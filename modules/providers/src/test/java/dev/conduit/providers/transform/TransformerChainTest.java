package dev.conduit.providers.transform;

import static dev.conduit.providers.transform.Gateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.KnownTransformer;
import dev.conduit.config.TransformerEntry;
import dev.conduit.config.TransformerSettings;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.testing.OpenAiChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The order transformers run in, and how entries become transformers. */
class TransformerChainTest {

    private static final String HELLO = "{\"model\":\"claude\",\"max_tokens\":32000,\"temperature\":1,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static JsonNode upstreamBody(Gateway gateway, String model) throws Exception {
        gateway.replyJson(OpenAiChunks.completion("Hello.", "stop", 5, 2)).complete(model, HELLO);
        return gateway.received().body();
    }

    @Test
    void theProvidersTransformersRunFirstThenTheModelsOwn() throws Exception {
        try (Gateway gateway = new Gateway("""
                {"use": [["customparams", {"temperature": 0.1}]],
                 "tuned": {"use": [["sampling", {"temperature": 0.9}]]}}""", "plain", "tuned")) {
            assertThat(upstreamBody(gateway, "plain").get("temperature").doubleValue()).isEqualTo(0.1);
            // the model's sampling comes after the provider's customparams, so it wins
            assertThat(upstreamBody(gateway, "tuned").get("temperature").doubleValue()).isEqualTo(0.9);
        }
        try (Gateway gateway = new Gateway("""
                {"use": [["sampling", {"temperature": 0.9}]],
                 "tuned": {"use": [["customparams", {"temperature": 0.1}]]}}""", "plain", "tuned")) {
            assertThat(upstreamBody(gateway, "tuned").get("temperature").doubleValue()).isEqualTo(0.1);
        }
    }

    @Test
    void eachTransformerSeesTheRequestAsTheOneBeforeLeftIt() throws Exception {
        try (Gateway gateway = new Gateway("""
                {"use": ["deepseek", ["maxtoken", {"max_tokens": 16384}], "maxcompletiontokens"]}""", "m")) {
            // deepseek caps at 8192 first; maxtoken's higher cap then changes nothing; the limit is renamed last
            JsonNode body = upstreamBody(gateway, "m");
            assertThat(body.get("max_completion_tokens").intValue()).isEqualTo(8192);
            assertThat(body.has("max_tokens")).isFalse();
        }
    }

    @Test
    void answerHooksRunInTheSameOrder() {
        List<String> seen = new ArrayList<>();
        ChunkPipeline pipeline = new ChunkPipeline(List.of(new AnswerHook() {
            @Override
            public void chunk(ObjectNode chunk, ChunkSink out) {
                seen.add("first " + chunk.get("n"));
                out.chunk(chunk.put("n", chunk.get("n").intValue() + 1));
            }
        }, new AnswerHook() {
            @Override
            public void chunk(ObjectNode chunk, ChunkSink out) {
                seen.add("second " + chunk.get("n"));
                out.chunk(chunk);
            }
        }), new ChunkSink() {
            @Override
            public void chunk(ObjectNode chunk) {
                seen.add("terminal " + chunk.get("n"));
            }

            @Override
            public void block(ContentBlock block) {
                seen.add("block");
            }
        });

        pipeline.chunk((ObjectNode) json("{\"n\":1}"));

        assertThat(seen).containsExactly("first 1", "second 2", "terminal 2");
    }

    @Test
    void namesWithoutEffectHereMakeNoTransformer() {
        TransformerSettings settings = new TransformerSettings(List.of(
                new TransformerEntry(KnownTransformer.ANTHROPIC), new TransformerEntry(KnownTransformer.CEREBRAS),
                new TransformerEntry(KnownTransformer.MAXTOKEN), new TransformerEntry(KnownTransformer.ENHANCETOOL)),
                Map.of());

        assertThat(new TransformerChains(settings).forModel("any").transformers())
                .containsExactly(new EnhanceTool());
    }

    @Test
    void optionsBecomeTheTransformersSettings() {
        ObjectNode options = (ObjectNode) json("{\"max_tokens\": 100, \"enable\": false}");

        assertThat(Transformer.of(new TransformerEntry(KnownTransformer.MAXTOKEN, options)))
                .contains(new Transformer.MaxToken(100));
        assertThat(Transformer.of(new TransformerEntry(KnownTransformer.REASONING, options)))
                .contains(new Transformer.Reasoning(false));
        assertThat(Transformer.of(new TransformerEntry(KnownTransformer.REASONING)))
                .contains(new Transformer.Reasoning(true));
        assertThat(Transformer.of(new TransformerEntry(KnownTransformer.MAXCOMPLETIONTOKENS)))
                .contains(new Transformer.MaxCompletionTokens(null));
    }
}
