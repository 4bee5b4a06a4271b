package dev.conduit.providers;

import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Serves Messages API requests from one provider, whatever format that provider speaks. */
public interface ProviderAdapter {

    /** The provider's name, as routes refer to it. */
    String name();

    /** The provider's API keys, in config order; empty for a server that needs none. */
    List<Secret> keys();

    /**
     * Sends a non-streaming request and returns the answer, translated or, when the provider
     * speaks the client's API, forwarded. Throws {@link UpstreamException} when the upstream fails
     * or a limit is reached, and {@link ClientGoneException} when {@code link} says the client
     * went away.
     *
     * @param request the request in the hub model
     * @param inbound the request as the client sent it
     * @param key the key to send (one of {@link #keys()}, chosen by rotation), or none
     */
    Answer complete(MessagesRequest request, Inbound inbound, RouteTarget target, Optional<Secret> key, ClientLink link);

    /**
     * Streams the answer into {@code sink}. Failures before the first event throw {@link
     * UpstreamException} and leave the sink untouched; later ones end the stream with an in-band
     * error event. A client that went away (a failing flush, or the sink saying so) aborts the
     * upstream request and ends the call with {@link IOException} or {@link ClientGoneException}.
     * While the upstream is silent the sink gets {@code ping} events at the configured interval.
     *
     * @param key the key to send (one of {@link #keys()}, chosen by rotation), or none
     */
    void stream(MessagesRequest request, Inbound inbound, RouteTarget target, Optional<Secret> key, EventSink sink)
            throws IOException;

    /** {@link #complete(MessagesRequest, Inbound, RouteTarget, Optional, ClientLink)} with the first key. */
    default Answer complete(MessagesRequest request, Inbound inbound, RouteTarget target, ClientLink link) {
        return complete(request, inbound, target, keys().stream().findFirst(), link);
    }

    /** {@link #stream(MessagesRequest, Inbound, RouteTarget, Optional, EventSink)} with the first key. */
    default void stream(MessagesRequest request, Inbound inbound, RouteTarget target, EventSink sink) throws IOException {
        stream(request, inbound, target, keys().stream().findFirst(), sink);
    }

    /**
     * Checks the provider with a request that costs nothing (its model list), never a completion.
     *
     * @return empty when it answered, else why not
     */
    Optional<String> probe();
}
