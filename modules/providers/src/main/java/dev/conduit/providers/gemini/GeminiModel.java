package dev.conduit.providers.gemini;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between Gemini models in the parts of the API this adapter uses, by model name.
 * Names this class does not recognise (aliases such as {@code gemini-flash-latest}, tuned models)
 * get no clamping and no special cases: the request goes as the client asked.
 */
final class GeminiModel {

    private static final Pattern VERSION = Pattern.compile("gemini-(\\d+)(?:\\.(\\d+))?-.*");

    private final String name;
    private final int major;
    private final int minor;

    private GeminiModel(String name, int major, int minor) {
        this.name = name;
        this.major = major;
        this.minor = minor;
    }

    static GeminiModel of(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) {
            name = name.substring("models/".length());
        }
        Matcher version = VERSION.matcher(name);
        if (!version.matches()) {
            return new GeminiModel(name, -1, -1);
        }
        int minor = version.group(2) == null ? 0 : Integer.parseInt(version.group(2));
        return new GeminiModel(name, Integer.parseInt(version.group(1)), minor);
    }

    /** Gemini 3 rejects a replayed function call without a thought signature. */
    boolean requiresSignatures() {
        return major >= 3;
    }

    /** Only the 2.5 Flash models can turn thinking off (budget 0); Pro and Gemini 3 cannot. */
    boolean canDisableThinking() {
        return is25() && name.startsWith("gemini-2.5-flash");
    }

    /** The documented thinking budget range of the 2.5 models; a larger budget is rejected. */
    int clampThinkingBudget(int budget) {
        if (!is25()) {
            return budget;
        }
        return Math.min(budget, name.startsWith("gemini-2.5-pro") ? 32_768 : 24_576);
    }

    /**
     * The most output tokens the model produces. Claude Code asks for up to 128 000, more than any
     * Gemini model generates; the request is clamped rather than refused.
     */
    OptionalInt maxOutputTokens() {
        if (major == 2 && minor == 0) {
            return OptionalInt.of(8_192);
        }
        return is25() || major >= 3 ? OptionalInt.of(65_536) : OptionalInt.empty();
    }

    private boolean is25() {
        return major == 2 && minor == 5;
    }
}
