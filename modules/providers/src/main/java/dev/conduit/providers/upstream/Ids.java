package dev.conduit.providers.upstream;

import java.security.SecureRandom;

/** Message and tool-call ids in the shapes Anthropic clients expect. */
public final class Ids {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** {@code msg_} and the upstream's id, so logs on both sides can be matched; random without one. */
    public static String messageId(String upstreamId) {
        if (upstreamId == null || upstreamId.isEmpty()) {
            return "msg_" + random(24);
        }
        return "msg_" + upstreamId;
    }

    public static String toolUseId() {
        return "toolu_" + random(24);
    }

    /** The id of a server tool call (web search) that Conduit reports on a provider's behalf. */
    public static String serverToolUseId() {
        return "srvtoolu_" + random(24);
    }

    /** An OpenAI tool-call id, for calls whose upstream id is not usable. */
    public static String toolCallId() {
        return "call_" + random(24);
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
