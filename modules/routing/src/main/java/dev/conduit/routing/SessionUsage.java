package dev.conduit.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The input tokens of each session's last request, for claude-code-router's rule that a session
 * whose last request was over the long-context threshold stays on the long-context route (while
 * its requests have more than 20,000 tokens). Bounded: the least recently used sessions are
 * forgotten first. The server feeds it as requests complete; it outlives config reloads.
 */
public final class SessionUsage {

    public static final int DEFAULT_CAPACITY = 1_000;

    private final Map<String, Long> lastInputTokens;

    public SessionUsage() {
        this(DEFAULT_CAPACITY);
    }

    public SessionUsage(int capacity) {
        this.lastInputTokens = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records a completed request of the session; {@code inputTokens} includes cached tokens. */
    public synchronized void record(String sessionId, long inputTokens) {
        lastInputTokens.put(sessionId, inputTokens);
    }

    public synchronized OptionalLong lastInputTokens(String sessionId) {
        Long tokens = lastInputTokens.get(sessionId);
        return tokens == null ? OptionalLong.empty() : OptionalLong.of(tokens);
    }
}
