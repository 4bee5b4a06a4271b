package dev.conduit.server.http;

import dev.conduit.config.InboundApi;
import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.ErrorEnvelopes;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.protocol.openai.OpenAiResponseWriter;
import dev.conduit.providers.ClientFormat;
import org.eclipse.jetty.server.Request;
import tools.jackson.databind.JsonNode;

/**
 * The two APIs clients speak to Conduit, and what differs between them at the edge: how a request
 * is read, how a whole answer and an error are written. Streams differ too; see {@link SseSink}.
 */
enum ClientApi {

    /** {@code /v1/messages}: Claude Code and the Anthropic SDKs. */
    ANTHROPIC(ClientFormat.ANTHROPIC),
    /** {@code /v1/chat/completions}: the OpenAI SDKs and the tools built on them. */
    OPENAI(ClientFormat.OPENAI);

    private final ClientFormat format;

    ClientApi(ClientFormat format) {
        this.format = format;
    }

    ClientFormat format() {
        return format;
    }

    /** The same API as routing rules name it. */
    InboundApi inboundApi() {
        return switch (this) {
            case ANTHROPIC -> InboundApi.ANTHROPIC;
            case OPENAI -> InboundApi.OPENAI;
        };
    }

    MessagesRequest read(JsonNode body) {
        return switch (this) {
            case ANTHROPIC -> AnthropicRequestReader.read(body);
            case OPENAI -> OpenAiRequestReader.read(body);
        };
    }

    byte[] whole(MessagesResponse response) {
        return switch (this) {
            case ANTHROPIC -> AnthropicWriter.response(response);
            case OPENAI -> OpenAiResponseWriter.completion(response, response.model(), System.currentTimeMillis() / 1000);
        };
    }

    byte[] error(ApiError error) {
        return switch (this) {
            case ANTHROPIC -> ErrorEnvelopes.anthropicBytes(error);
            case OPENAI -> ErrorEnvelopes.openAiBytes(error);
        };
    }

    /**
     * The API whose error envelope a request gets: OpenAI's on the OpenAI paths, except a model
     * list asked for with {@code anthropic-version}, the way Anthropic's SDKs ask for it.
     */
    static ClientApi of(Request request) {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/v1/chat/")) {
            return OPENAI;
        }
        if (path.startsWith("/v1/models")) {
            return request.getHeaders().contains("anthropic-version") ? ANTHROPIC : OPENAI;
        }
        return ANTHROPIC;
    }
}
