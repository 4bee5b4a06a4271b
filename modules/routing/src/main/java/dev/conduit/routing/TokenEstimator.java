package dev.conduit.routing;

import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Tool;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A quick estimate of what {@link TokenCounter} would count, from the characters alone: about
 * four ASCII characters per cl100k token, two for the two-byte UTF-8 range (Cyrillic, Greek,
 * accented Latin) and one for wider characters (CJK, emoji). On Claude Code's requests, prose,
 * code, Markdown, Russian, Chinese and Japanese the estimate is within 0.9–1.2 times the count;
 * dense digits and hex are the worst case, with about twice as many tokens as estimated.
 * JSON (tool inputs and schemas) is measured as it would be serialized, without serializing it.
 */
final class TokenEstimator {

    private long ascii;
    private long twoByte;
    private long wide;

    private TokenEstimator() {}

    static long estimate(MessagesRequest request) {
        TokenEstimator estimator = new TokenEstimator();
        for (ContentBlock.Text block : request.system()) {
            estimator.text(block.text());
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                estimator.block(block);
            }
        }
        for (Tool tool : request.tools()) {
            estimator.text(tool.name());
            estimator.text(tool.description());
            if (tool.inputSchema() != null) {
                estimator.json(tool.inputSchema());
            }
        }
        return estimator.ascii / 4 + estimator.twoByte / 2 + estimator.wide;
    }

    private void block(ContentBlock block) {
        switch (block) {
            case ContentBlock.Text text -> text(text.text());
            case ContentBlock.ToolUse use -> json(use.input());
            case ContentBlock.ToolResult result -> result.content().forEach(this::block);
            case ContentBlock.Thinking thinking -> text(thinking.thinking());
            case ContentBlock.ToolReference reference -> text(reference.toolName());
            case ContentBlock.Image image -> { }
            case ContentBlock.RedactedThinking redacted -> { }
            case ContentBlock.Document document -> { }
            case ContentBlock.Unknown unknown -> { }
        }
    }

    private void text(String text) {
        if (text == null) {
            return;
        }
        int length = text.length();
        int twoByteHere = 0;
        int wideHere = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    twoByteHere++;
                } else {
                    wideHere++;
                }
            }
        }
        ascii += length - twoByteHere - wideHere;
        twoByte += twoByteHere;
        wide += wideHere;
    }

    /** Counts the characters of the compact serialization: quotes, colons, commas and brackets too. */
    private void json(JsonNode node) {
        if (node == null) {
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                ascii += 2;
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    text(property.getKey());
                    ascii += 4;
                    json(property.getValue());
                }
            }
            case ARRAY -> {
                ascii += 2;
                for (JsonNode element : node) {
                    ascii += 1;
                    json(element);
                }
            }
            case STRING -> {
                ascii += 2;
                text(node.stringValue());
            }
            default -> ascii += 5;
        }
    }
}
