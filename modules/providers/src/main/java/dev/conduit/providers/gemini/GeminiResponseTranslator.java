package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a whole {@code generateContent} answer into a Messages API response. The answer is
 * run through {@link GeminiStreamTranslator} as a one-chunk stream and its events are collected,
 * so a whole answer has exactly the blocks, signatures and stop reason the same answer streamed
 * would have.
 */
public final class GeminiResponseTranslator {

    private GeminiResponseTranslator() {}

    /** @param model the upstream model as routed (see {@link GeminiStreamTranslator}) */
    public static MessagesResponse translate(JsonNode response, String model) {
        List<StreamEvent> events = new ArrayList<>();
        GeminiStreamTranslator stream = new GeminiStreamTranslator(model, events::add);
        stream.onChunk(response);
        stream.complete();

        String id = null;
        String reportedModel = model;
        List<Block> blocks = new ArrayList<>();
        StopReason stopReason = null;
        Usage usage = Usage.ZERO;
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.MessageStart start -> {
                    id = start.message().id();
                    reportedModel = start.message().model();
                }
                case StreamEvent.ContentBlockStart start -> blocks.add(new Block(start.block()));
                case StreamEvent.ContentBlockDelta delta -> blocks.get(delta.index()).append(delta.delta());
                case StreamEvent.MessageDelta delta -> {
                    stopReason = delta.stopReason();
                    usage = delta.usage();
                }
                default -> { } // ping, block stops and message_stop carry nothing a whole answer needs
            }
        }
        return new MessagesResponse(id, reportedModel, blocks.stream().map(Block::build).toList(), stopReason, null, usage);
    }

    /** One content block being put together from its start event and deltas. */
    private static final class Block {
        private final ContentBlock start;
        private final StringBuilder content = new StringBuilder();
        private String signature = "";

        Block(ContentBlock start) {
            this.start = start;
        }

        void append(Delta delta) {
            switch (delta) {
                case Delta.TextDelta text -> content.append(text.text());
                case Delta.ThinkingDelta thinking -> content.append(thinking.thinking());
                case Delta.InputJsonDelta input -> content.append(input.partialJson());
                case Delta.SignatureDelta signed -> signature = signed.signature();
            }
        }

        ContentBlock build() {
            return switch (start) {
                case ContentBlock.Text text -> new ContentBlock.Text(content.toString());
                case ContentBlock.Thinking thinking -> new ContentBlock.Thinking(content.toString(), signature);
                case ContentBlock.ToolUse use -> new ContentBlock.ToolUse(use.id(), use.name(),
                        Json.MAPPER.readTree(content.toString()));
                case ContentBlock.Unknown serverToolUse when !content.isEmpty() -> {
                    ObjectNode raw = (ObjectNode) serverToolUse.raw().deepCopy();
                    raw.set("input", Json.MAPPER.readTree(content.toString()));
                    yield new ContentBlock.Unknown(serverToolUse.type(), raw);
                }
                default -> start;
            };
        }
    }
}
