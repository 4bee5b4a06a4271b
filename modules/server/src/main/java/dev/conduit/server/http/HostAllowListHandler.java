package dev.conduit.server.http;

import dev.conduit.config.PrivateAddresses;
import dev.conduit.config.SecuritySettings;
import dev.conduit.protocol.ApiError;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses requests addressed to a host name Conduit does not answer to, with 403. A web page can
 * make a browser send requests to Conduit on loopback by pointing its own domain at 127.0.0.1
 * (DNS rebinding); such requests carry the page's domain in {@code Host}. Loopback addresses are
 * always accepted (no rebinding can produce them), and so are the probes, which monitors and
 * supervisors call by whatever address they have.
 */
final class HostAllowListHandler extends Handler.Wrapper {

    /** The names of this machine that no page can point elsewhere. */
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "*.localhost");
    private static final Set<String> PROBES = Set.of("/health", "/alive", "/ready");

    private final List<String> allowed;

    private HostAllowListHandler(List<String> allowed, Handler handler) {
        super(handler);
        this.allowed = allowed;
    }

    /**
     * The handler for {@code ALLOWED_HOSTS}, or {@code handler} itself when every host is allowed:
     * when not configured, only loopback names are allowed without {@code APIKEY} (a page cannot
     * learn the key) and any with it.
     */
    static Handler wrap(SecuritySettings security, boolean apiKeyRequired, Handler handler) {
        List<String> allowed = security.allowedHosts().isEmpty()
                ? (apiKeyRequired ? List.of(SecuritySettings.ANY) : LOOPBACK_NAMES)
                : security.allowedHosts();
        return allowed.contains(SecuritySettings.ANY) ? handler : new HostAllowListHandler(allowed, handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHttpURI().getHost();
        if (host == null || host.isEmpty() || PROBES.contains(Request.getPathInContext(request)) || allowed(host)) {
            return super.handle(request, response, callback);
        }
        Responses.error(request, response, ApiError.of(403, "requests addressed to host \"" + abbreviate(host)
                + "\" are refused; add it to ALLOWED_HOSTS if Conduit should answer to that name"), callback);
        return true;
    }

    private boolean allowed(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (PrivateAddresses.literal(name).filter(address -> address.isLoopbackAddress()).isPresent()) {
            return true;
        }
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        for (String entry : allowed) {
            if (entry.equals(bare) || entry.startsWith("*.") && bare.endsWith(entry.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
