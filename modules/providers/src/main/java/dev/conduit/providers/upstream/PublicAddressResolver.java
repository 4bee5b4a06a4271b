package dev.conduit.providers.upstream;

import dev.conduit.config.PrivateAddresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves provider host names to public addresses only ({@code DENY_PRIVATE_UPSTREAMS}), each
 * time a connection is opened, so a name that points (or is re-pointed) at loopback, a private
 * network or a cloud metadata address is refused. The proxy of {@code PROXY_URL}, chosen by the
 * operator, is exempt.
 */
final class PublicAddressResolver implements SocketAddressResolver {

    /** A provider name that resolved to no public address. */
    static final class NonPublicAddressException extends IOException {
        NonPublicAddressException(String message) {
            super(message, null);
        }
    }

    private final SocketAddressResolver delegate;
    private final Optional<String> proxyHost;

    PublicAddressResolver(SocketAddressResolver delegate, Optional<String> proxyHost) {
        this.delegate = delegate;
        this.proxyHost = proxyHost.map(host -> host.toLowerCase(Locale.ROOT));
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        if (proxyHost.isPresent() && proxyHost.get().equals(host.toLowerCase(Locale.ROOT))) {
            delegate.resolve(host, port, context, promise);
            return;
        }
        delegate.resolve(host, port, context, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                List<InetSocketAddress> public_ = addresses.stream()
                        .filter(address -> address.getAddress() != null && !PrivateAddresses.isPrivate(address.getAddress()))
                        .toList();
                if (public_.isEmpty()) {
                    String found = addresses.isEmpty() || addresses.getFirst().getAddress() == null ? "none"
                            : addresses.getFirst().getAddress().getHostAddress();
                    promise.failed(new NonPublicAddressException(host + " resolves to no public address (" + found
                            + "), which DENY_PRIVATE_UPSTREAMS forbids"));
                } else {
                    promise.succeeded(public_);
                }
            }

            @Override
            public void failed(Throwable failure) {
                promise.failed(failure);
            }
        });
    }
}
