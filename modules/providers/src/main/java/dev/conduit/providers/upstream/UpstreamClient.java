package dev.conduit.providers.upstream;

import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.providers.ClientLink;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * One provider's HTTP client, with that provider's limits and connection pool. Requests are sent
 * whole; answers are read as they arrive ({@link UpstreamCall}), so a stream is never buffered.
 * Redirects are not followed: an upstream URL comes from the config only.
 */
public final class UpstreamClient implements AutoCloseable {

    private final HttpClient http;
    private final UpstreamTimeouts timeouts;
    private final Pacing pacing;
    private final CallWatcher watcher;
    private final UpstreamTls tls;

    public UpstreamClient(UpstreamTimeouts timeouts, Optional<URI> proxy, String userAgent, UpstreamResources shared,
            Pacing pacing) {
        this.timeouts = timeouts;
        this.pacing = pacing;
        this.watcher = new CallWatcher(shared.scheduler, pacing.tick());
        this.tls = shared.tls;
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP();
        tls.install(transport.getClientConnector());
        http = new HttpClient(transport);
        // UpstreamCall's listeners only record and signal, never block: they may run on the
        // selector thread that read the response instead of being handed to a pool thread first
        http.getHttpClientTransport().setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        http.setExecutor(shared.executor);
        http.setScheduler(shared.scheduler);
        http.setByteBufferPool(shared.buffers);
        http.setConnectTimeout(timeouts.connect().toMillis());
        http.setSocketAddressResolver(shared.addressResolver(timeouts.connect()));
        http.setIdleTimeout(Math.max(timeouts.firstByte().toMillis(), timeouts.streamIdle().toMillis()) + 5_000);
        http.setFollowRedirects(false);
        http.setMaxConnectionsPerDestination(4096);
        http.setMaxRequestsQueuedPerDestination(4096);
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        proxy.ifPresent(address -> http.getProxyConfiguration().addProxy(
                new HttpProxy(address.getHost(), address.getPort() > 0 ? address.getPort() : 80)));
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream HTTP client", e);
        }
        // Jetty installs these on start: a provider's 401 or 407 is an answer for the client, not a
        // challenge for this client to meet, and redirects are not followed
        http.getProtocolHandlers().clear();
    }

    /**
     * POSTs {@code body} and returns at once; the caller waits on the returned call and must
     * close it.
     *
     * @param label for messages: "provider X (model Y)"
     */
    public UpstreamCall post(URI uri, Map<String, String> headers, byte[] body, String label, ClientLink link) {
        Request request = http.newRequest(uri)
                .method(HttpMethod.POST)
                .headers(fields -> headers.forEach(fields::put))
                .body(new BytesRequestContent("application/json", body))
                // our own checks end the call with a precise message; this is the backstop
                .timeout(timeouts.total().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        return send(request, label, link);
    }

    /** GETs {@code uri} (a provider's free model list, for probes); the caller closes the call. */
    public UpstreamCall get(URI uri, Map<String, String> headers, String label) {
        Request request = http.newRequest(uri)
                .method(HttpMethod.GET)
                .headers(fields -> headers.forEach(fields::put))
                .timeout(timeouts.total().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        return send(request, label, ClientLink.DETACHED);
    }

    /** Sends {@code request}, after the TLS set-up if it goes to an https provider. */
    private UpstreamCall send(Request request, String label, ClientLink link) {
        UpstreamCall.Limits limits = new UpstreamCall.Limits(timeouts, pacing);
        if (HttpScheme.HTTPS.is(request.getScheme())) {
            try {
                tls.ensureReady();
            } catch (UpstreamTls.SetupFailed e) {
                return UpstreamCall.refused(request, limits, label, link, watcher, http.getScheduler(), e);
            }
        }
        return UpstreamCall.send(request, limits, label, link, watcher, http.getScheduler());
    }

    /** Connections of this provider's pool: in use, idle, and requests waiting for one. */
    public PoolUsage poolUsage() {
        int active = 0;
        int idle = 0;
        int queued = 0;
        for (Destination destination : http.getDestinations()) {
            if (destination.getConnectionPool() instanceof AbstractConnectionPool pool) {
                active += pool.getActiveConnectionCount();
                idle += pool.getIdleConnectionCount();
            }
            if (destination instanceof HttpDestination http1) {
                queued += http1.getQueuedRequestCount();
            }
        }
        return new PoolUsage(active, idle, queued);
    }

    /** How a provider's connection pool is used at one moment. */
    public record PoolUsage(int active, int idle, int queued) {}

    @Override
    public void close() {
        watcher.stop();
        LifeCycle.stop(http);
    }
}
