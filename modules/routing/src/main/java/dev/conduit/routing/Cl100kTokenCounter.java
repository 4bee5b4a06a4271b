package dev.conduit.routing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Tool;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TokenCounter} with the cl100k_base vocabulary. Counts of texts of at least
 * {@link #CACHED_MIN_CHARS} characters are kept, least recently used first out, up to a total
 * number of characters: the key is the text itself, so a hit is always right.
 */
final class Cl100kTokenCounter implements TokenCounter {

    static final long DEFAULT_CACHED_CHARS = 4L * 1024 * 1024;
    /** Shorter texts are tokenized faster than they are looked up and kept. */
    static final int CACHED_MIN_CHARS = 512;

    private static final class Vocabulary {
        static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    private final long maxCachedChars;
    private final Map<String, Integer> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cachedChars;

    Cl100kTokenCounter(long maxCachedChars) {
        this.maxCachedChars = maxCachedChars;
    }

    @Override
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

    @Override
    public long count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() < CACHED_MIN_CHARS || text.length() > maxCachedChars) {
            return Vocabulary.CL100K.countTokensOrdinary(text);
        }
        Integer known = cached(text);
        if (known != null) {
            return known;
        }
        int tokens = Vocabulary.CL100K.countTokensOrdinary(text);
        remember(text, tokens);
        return tokens;
    }

    private synchronized Integer cached(String text) {
        return cache.get(text);
    }

    private synchronized void remember(String text, int tokens) {
        if (cache.putIfAbsent(text, tokens) != null) {
            return;
        }
        cachedChars += text.length();
        var eldest = cache.entrySet().iterator();
        while (cachedChars > maxCachedChars && eldest.hasNext()) {
            cachedChars -= eldest.next().getKey().length();
            eldest.remove();
        }
    }
}
