package dev.conduit.providers.gemini;

import java.util.Optional;

/**
 * How Gemini's thought signatures travel through an Anthropic client.
 *
 * <p>Gemini puts an opaque {@code thoughtSignature} on a part of its answer (a function call, a
 * text part, or an empty text part at the end of a stream) and requires it back on the same part
 * in later requests; Gemini 3 rejects a replayed function call that lost it. Anthropic clients
 * keep exactly one opaque string per turn step: the {@code signature} of a thinking block. So a
 * signature becomes the signature of a thinking block placed immediately before the block made
 * from the signed part (the thought text streamed before it, or an empty thinking block when the
 * model sent none):
 *
 * <pre>
 *   Gemini parts                         Anthropic blocks
 *   {thought:true, text:"plan"}          thinking "plan", signature gemini:MODEL:S
 *   {functionCall:{…}, thoughtSignature:S}   tool_use
 *   {text:"", thoughtSignature:T}        thinking "", signature gemini:MODEL:T  (last block)
 * </pre>
 *
 * <p>Replayed, a thinking block signed this way gives its signature to the part made from the
 * block that follows it in the same message; with no such block it becomes an empty text part
 * carrying the signature, the shape Gemini itself sent. Thought text is never sent back: Gemini
 * reads the signature, not the summary.
 *
 * <p>The wire form is {@code gemini:<model>:<signature>}. The prefix keeps a Gemini signature
 * from reaching any other provider (other adapters drop thinking blocks they did not sign, and an
 * Anthropic upstream must drop these) and a foreign one from reaching Gemini; the model keeps a
 * signature from going to a model that cannot verify it. Gemini signatures are base64, so the
 * last colon separates model and signature.
 */
public final class GeminiSignatures {

    private static final String PREFIX = "gemini:";

    private GeminiSignatures() {}

    /** Whether an Anthropic thinking signature carries a Gemini signature. */
    public static boolean isGemini(String signature) {
        return signature != null && signature.startsWith(PREFIX);
    }

    static String wrap(String model, String signature) {
        return PREFIX + model + ":" + signature;
    }

    /** The Gemini signature inside {@code signature}, if it is one and was made by {@code model}. */
    static Optional<String> unwrap(String signature, String model) {
        if (!isGemini(signature)) {
            return Optional.empty();
        }
        int colon = signature.lastIndexOf(':');
        if (colon < PREFIX.length() || colon == signature.length() - 1) {
            return Optional.empty();
        }
        String signedBy = signature.substring(PREFIX.length(), colon);
        return signedBy.equals(model) ? Optional.of(signature.substring(colon + 1)) : Optional.empty();
    }
}
