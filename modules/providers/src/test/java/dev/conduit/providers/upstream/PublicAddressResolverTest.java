package dev.conduit.providers.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.jupiter.api.Test;

/** With DENY_PRIVATE_UPSTREAMS, a provider name is only ever connected to at a public address. */
class PublicAddressResolverTest {

    /** A DNS that answers every name with the given addresses. */
    private static SocketAddressResolver dns(String... addresses) {
        return (host, port, context, promise) -> promise.succeeded(java.util.Arrays.stream(addresses)
                .map(address -> new InetSocketAddress(InetAddress.ofLiteral(address), port)).toList());
    }

    private static CompletableFuture<List<InetSocketAddress>> resolve(SocketAddressResolver resolver, String host) {
        CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
        resolver.resolve(host, 443, Map.of(), Promise.from(result::complete, result::completeExceptionally));
        return result;
    }

    @Test
    void aNameThatResolvesToTheMetadataServiceIsRefused() {
        var result = resolve(new PublicAddressResolver(dns("169.254.169.254"), Optional.empty()), "api.example.com");

        assertThat(result).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(PublicAddressResolver.NonPublicAddressException.class)
                .withMessageContaining("api.example.com resolves to no public address (169.254.169.254),"
                        + " which DENY_PRIVATE_UPSTREAMS forbids");
    }

    @Test
    void onlyThePublicAddressesOfANameAreUsed() throws Exception {
        var result = resolve(new PublicAddressResolver(dns("10.0.0.7", "203.0.113.9", "::1"), Optional.empty()),
                "api.example.com");

        assertThat(result.get(5, TimeUnit.SECONDS)).extracting(address -> address.getAddress().getHostAddress())
                .containsExactly("203.0.113.9");
    }

    @Test
    void theConfiguredProxyMayBePrivate() throws Exception {
        var result = resolve(new PublicAddressResolver(dns("10.0.0.3"), Optional.of("Proxy.Corp")), "proxy.corp");

        assertThat(result.get(5, TimeUnit.SECONDS)).hasSize(1);
    }
}
