package dev.conduit.server.http;

import dev.conduit.connections.ClientWatch;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.providers.ClientLink;
import org.eclipse.jetty.server.Request;

/** The client side of one request as an upstream call sees it: still there, and allowed to go on. */
final class RequestLink implements ClientLink {

    private final ClientWatch watch;
    private final DrainCoordinator drain;
    private final AccessRecord record;

    /** Call once the request body has been read: from then on the socket is watched. */
    RequestLink(Request request, DrainCoordinator drain, AccessRecord record) {
        this.watch = ClientWatch.of(request);
        this.drain = drain;
        this.record = record;
    }

    @Override
    public void upstreamWaited(long nanos) {
        record.upstreamWaitNanos += nanos;
    }

    @Override
    public boolean clientGone() {
        return watch.gone();
    }

    @Override
    public boolean mustStop() {
        return drain.mustStop();
    }
}
