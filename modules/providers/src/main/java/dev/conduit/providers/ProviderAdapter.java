package dev.conduit.providers;

import dev.conduit.config.RouteTarget;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import java.io.IOException;

/** Serves Messages API requests from one provider, whatever format that provider speaks. */
public interface ProviderAdapter {

    /** The provider's name, as routes refer to it. */
    String name();

    /** Sends a non-streaming request and returns the translated answer. */
    MessagesResponse complete(MessagesRequest request, RouteTarget target);

    /**
     * Streams the answer into {@code sink}. Failures before the first event throw {@link
     * UpstreamException}; later ones end the stream with an in-band error event. An {@link
     * IOException} from the sink (the client went away) aborts the upstream request and is
     * rethrown.
     */
    void stream(MessagesRequest request, RouteTarget target, EventSink sink) throws IOException;
}
