package dev.conduit.server.http;

import dev.conduit.config.SecuritySettings;
import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.routing.TokenCounter;
import java.io.IOException;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /v1/messages/count_tokens}, answered locally with the cl100k_base tokenizer. */
final class CountTokensHandler {

    private final Supplier<TokenCounter> counter;
    private final SecuritySettings limits;

    CountTokensHandler(Supplier<TokenCounter> counter, SecuritySettings limits) {
        this.counter = counter;
        this.limits = limits;
    }

    void handle(Request request, Response response, Callback callback) throws IOException {
        MessagesRequest parsed;
        try {
            parsed = AnthropicRequestReader.readForCounting(RequestBodies.readJson(request, limits));
        } catch (ProtocolException invalid) {
            throw new ApiException(ApiError.invalidRequest(invalid.getMessage()));
        }
        byte[] body = Json.MAPPER.writeValueAsBytes(Json.NODES.objectNode().put("input_tokens", counter.get().count(parsed)));
        Responses.json(response, 200, body, callback);
    }
}
