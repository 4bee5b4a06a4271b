package dev.conduit.providers.upstream;

import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.providers.UpstreamException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns what ended an upstream call into the error its client sees, and whether it may be sent elsewhere. */
final class UpstreamFailures {

    private UpstreamFailures() {}

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * What ended a call, in the words a user can act on, without stack traces.
     *
     * @param sawBody whether some of the answer's body had arrived
     * @param requestSent whether Jetty reported the request committed
     */
    static UpstreamException describe(Throwable cause, URI uri, String label, UpstreamTimeouts timeouts,
            boolean sawBody, boolean requestSent) {
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        SSLException tls = beforeRequest(cause, root);
        if (sawBody && root instanceof IOException && !(root instanceof SocketTimeoutException)) {
            return new UpstreamException(502, label + ": the upstream stream broke before the response was complete",
                    UpstreamException.Kind.STREAM_BROKEN);
        }
        String reason = tls != null ? tlsFailure(tls, root, where) : switch (root) {
            case SocketTimeoutException connectTimeout -> "could not connect to " + where + " within "
                    + seconds(timeouts.connect()) + " (CONNECT_TIMEOUT_MS)";
            case TimeoutException total -> "did not finish within " + seconds(timeouts.total()) + " (API_TIMEOUT_MS)";
            case ConnectException connect -> "connection refused by " + where;
            case UnknownHostException unknown -> "unknown host " + uri.getHost();
            case UnresolvedAddressException unresolved -> "unknown host " + uri.getHost();
            case PublicAddressResolver.NonPublicAddressException notPublic -> notPublic.getMessage();
            case IOException io -> "connection to " + where + " failed (" + io.getClass().getSimpleName() + ")";
            default -> "request to " + where + " failed (" + root.getClass().getSimpleName() + ")";
        };
        boolean timedOut = root instanceof TimeoutException || root instanceof SocketTimeoutException;
        return new UpstreamException(timedOut ? 504 : 502, label + ": " + reason, Optional.empty(),
                timedOut ? UpstreamException.Kind.TIMEOUT : UpstreamException.Kind.CONNECT,
                requestSent || !(tls != null || beforeConnected(root)));
    }

    /**
     * The TLS failure that ended the call before a byte of the request went out, if one did: the
     * set-up, or the handshake — whose exception wraps the reason (a refused certificate's root is
     * a certificate or path error), or is the root itself.
     */
    private static SSLException beforeRequest(Throwable cause, Throwable root) {
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof UpstreamTls.SetupFailed) {
                return (SSLException) t;
            }
        }
        return root instanceof SSLException rootTls ? rootTls : null;
    }

    private static String tlsFailure(SSLException tls, Throwable root, String where) {
        if (tls instanceof UpstreamTls.SetupFailed) {
            return "TLS could not be set up (the gateway's log says why)";
        }
        // an unknown issuer, an expired certificate or one for another name
        return root instanceof GeneralSecurityException
                ? "TLS handshake with " + where + " failed: its certificate is not trusted"
                : "TLS handshake with " + where + " failed";
    }

    /**
     * Whether a failure can only have happened before the connection was up. The commit event
     * alone does not prove a request unsent: a provider can drop the connection after reading the
     * request before Jetty reports the commit, and such a request must not be sent again. (A failed
     * TLS handshake counts too, see {@link #beforeRequest}: nothing is sent before it.)
     */
    private static boolean beforeConnected(Throwable root) {
        return root instanceof ConnectException || root instanceof SocketTimeoutException
                || root instanceof UnknownHostException || root instanceof UnresolvedAddressException
                || root instanceof PublicAddressResolver.NonPublicAddressException;
    }
}
