package dev.conduit.providers.upstream;

import dev.conduit.providers.UpstreamException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP client all providers share. Requests are sent as a whole and answered as a stream
 * the caller reads at its own pace, so a streamed answer is never buffered. Redirects are not
 * followed: an upstream URL comes from the config only.
 */
public final class UpstreamClient implements AutoCloseable {

    private final HttpClient http;
    private final UpstreamSettings settings;

    public UpstreamClient(UpstreamSettings settings, String userAgent) {
        this.settings = settings;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("upstream");
        threads.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(threads);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setIdleTimeout(settings.idleTimeout().toMillis());
        http.setFollowRedirects(false);
        http.setMaxConnectionsPerDestination(4096);
        http.setMaxRequestsQueuedPerDestination(4096);
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        settings.proxy().ifPresent(proxy -> http.getProxyConfiguration().addProxy(
                new HttpProxy(proxy.getHost(), proxy.getPort() > 0 ? proxy.getPort() : 80)));
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
     * POSTs {@code body} and waits for the response head. The caller owns the returned response
     * and must close it.
     *
     * @param target for messages: "provider X (model)"
     */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, String target) {
        Request request = http.newRequest(uri)
                .method(HttpMethod.POST)
                .headers(fields -> headers.forEach(fields::put))
                .body(new BytesRequestContent("application/json", body))
                .timeout(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .idleTimeout(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            // the request's own total timeout fires first; this bound only guards against a lost callback
            Response response = listener.get(settings.totalTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return new UpstreamResponse(request, response, listener.getInputStream());
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new UpstreamException(502, target + ": the request was interrupted");
        } catch (TimeoutException e) {
            request.abort(e);
            throw timeout(target);
        } catch (ExecutionException e) {
            throw failure(target, uri, e.getCause());
        }
    }

    private UpstreamException timeout(String target) {
        return new UpstreamException(504, target + " did not answer within "
                + settings.totalTimeout().toSeconds() + " s (API_TIMEOUT_MS)");
    }

    /** Says what went wrong in the words a user can act on, without stack traces. */
    UpstreamException failure(String target, URI uri, Throwable cause) {
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (cause instanceof TimeoutException || root instanceof TimeoutException) {
            String message = String.valueOf(root.getMessage());
            if (message.contains("onnect")) {
                return new UpstreamException(504, target + ": could not connect to " + where + " within "
                        + settings.connectTimeout().toSeconds() + " s");
            }
            if (message.contains("dle")) {
                return new UpstreamException(504, target + ": " + where + " sent nothing for "
                        + settings.idleTimeout().toSeconds() + " s");
            }
            return timeout(target);
        }
        String reason = switch (root) {
            case ConnectException connect -> "connection refused by " + where;
            case UnknownHostException unknown -> "unknown host " + uri.getHost();
            case UnresolvedAddressException unresolved -> "unknown host " + uri.getHost();
            case SSLException tls -> "TLS handshake with " + where + " failed";
            case IOException io -> "connection to " + where + " failed (" + io.getClass().getSimpleName() + ")";
            default -> "request to " + where + " failed (" + root.getClass().getSimpleName() + ")";
        };
        return new UpstreamException(502, target + ": " + reason);
    }

    @Override
    public void close() {
        LifeCycle.stop(http);
    }
}
