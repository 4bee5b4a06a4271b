package dev.conduit.routing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Tool;

/**
 * Counts a request's input tokens with the cl100k_base tokenizer, over the same parts
 * claude-code-router counts: system text, message text, tool calls and results, and tool
 * definitions. The vocabulary loads on first use, not at startup.
 */
public final class TokenCounter {

    private static final class Vocabulary {
        static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    public long count(MessagesRequest request) {
        long tokens = 0;
        for (ContentBlock.Text block : request.system()) {
            tokens += count(block.text());
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                tokens += count(block);
            }
        }
        for (Tool tool : request.tools()) {
            tokens += count(tool.name()) + count(tool.description());
            if (tool.inputSchema() != null) {
                tokens += count(tool.inputSchema().toString());
            }
        }
        return tokens;
    }

    private long count(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text text -> count(text.text());
            case ContentBlock.ToolUse use -> count(use.input().toString());
            case ContentBlock.ToolResult result -> {
                long sum = 0;
                for (ContentBlock inner : result.content()) {
                    sum += count(inner);
                }
                yield sum;
            }
            case ContentBlock.Thinking thinking -> count(thinking.thinking());
            case ContentBlock.ToolReference reference -> count(reference.toolName());
            case ContentBlock.Image image -> 0;
            case ContentBlock.RedactedThinking redacted -> 0;
            case ContentBlock.Document document -> 0;
            case ContentBlock.Unknown unknown -> 0;
        };
    }

    public long count(String text) {
        return text == null || text.isEmpty() ? 0 : Vocabulary.CL100K.countTokensOrdinary(text);
    }
}
