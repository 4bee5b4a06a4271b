package dev.conduit.providers.transform;

import dev.conduit.protocol.anthropic.MessagesRequest;

/**
 * The request a transformer works on, beyond its OpenAI body.
 *
 * @param model the upstream model, as configured
 * @param translated whether the answer is translated for an Anthropic client (else forwarded to
 *     an OpenAI client as it comes)
 * @param request the client's request in the hub model
 */
public record Exchange(String model, boolean translated, MessagesRequest request) {

    /** Whether the client offered Anthropic's web search server tool. */
    public boolean wantsWebSearch() {
        return request.tools().stream().anyMatch(tool -> tool.type() != null && tool.type().startsWith("web_search"));
    }
}
