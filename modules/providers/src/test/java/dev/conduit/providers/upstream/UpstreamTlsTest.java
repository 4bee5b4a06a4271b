package dev.conduit.providers.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.UpstreamException;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Providers reached over https share one TLS set-up, made for the first https request: a worker
 * whose providers all speak plain http never makes it, and a client closed by a config reload
 * does not take it from the clients that replace it.
 */
class UpstreamTlsTest {

    private static final String PASSWORD = "conduit-test";
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"choices\":[]}";

    private final Path keyStore = resource("upstream.p12");
    private final AtomicInteger httpsRequests = new AtomicInteger();
    private final Server httpsProvider = httpsProvider();
    private final MockUpstream httpProvider = new MockUpstream();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        httpProvider.close();
        httpsProvider.stop();
    }

    @Test
    void providersReachedOverHttpOnlyNeverSetUpTls() {
        UpstreamTls tls = trusting(keyStore);
        UpstreamResources resources = resources(tls);
        resources.prepareTls(httpProvider.chatCompletionsUrl());
        // a set-up thread would be running now, or have made the set-up: either shows
        assertThat(tls.isPreparing()).as("TLS being set up").isFalse();
        client(resources);
        UpstreamClient second = client(resources);

        assertThat(post(second, httpProvider.chatCompletionsUrl())).isEqualTo(200);
        assertThat(tls.isReady()).as("TLS set up").isFalse();
    }

    @Test
    void anHttpsProviderIsPreparedForBeforeItsFirstRequest() throws InterruptedException {
        UpstreamTls tls = trusting(keyStore);
        UpstreamResources resources = resources(tls);

        resources.prepareTls(httpsUrl());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!tls.isReady() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(tls.isReady()).as("TLS set up without a request").isTrue();
        assertThat(httpsRequests).hasValue(0);
        assertThat(post(client(resources), httpsUrl())).isEqualTo(200);
    }

    @Test
    void anHttpsProviderWhoseCertificateIsTrustedAnswers() {
        UpstreamTls tls = trusting(keyStore);
        UpstreamClient client = client(resources(tls));

        try (UpstreamCall call = client.post(httpsUrl(), Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), "provider secure (model m)", ClientLink.DETACHED)) {
            call.awaitHead();
            assertThat(call.status()).isEqualTo(200);
            assertThat(new String(call.readAll(1 << 20), StandardCharsets.UTF_8)).isEqualTo(ANSWER);
        }
        assertThat(tls.isReady()).isTrue();
    }

    @Test
    void aClientClosedByAReloadLeavesTlsWorkingForTheOthers() {
        UpstreamTls tls = trusting(keyStore);
        UpstreamResources resources = resources(tls);
        UpstreamClient before = client(resources);
        assertThat(post(before, httpsUrl())).isEqualTo(200);

        before.close();
        UpstreamClient after = client(resources);

        assertThat(post(after, httpsUrl())).isEqualTo(200);
        assertThat(httpsRequests).hasValue(2);
    }

    @Test
    void anHttpsProviderWhoseCertificateIsNotTrustedFailsWithATlsError() {
        // the JVM's own trust store, as a worker has, does not know the test's certificate
        UpstreamClient client = client(resources(new UpstreamTls(new SslContextFactory.Client())));

        assertThatThrownBy(() -> post(client, httpsUrl()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    // nothing goes out before the handshake: a fallback may take the request
                    assertThat(e.requestSent()).as("request may have been sent").isFalse();
                })
                .hasMessage("provider secure (model m): TLS handshake with 127.0.0.1:" + httpsUrl().getPort()
                        + " failed: its certificate is not trusted");
        assertThat(httpsRequests).hasValue(0);
    }

    @Test
    void aTrustStoreThatCannotBeReadFailsEachHttpsRequestWithoutNamingIt() {
        UpstreamTls tls = trusting(keyStore, "not-its-password");
        UpstreamClient client = client(resources(tls));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> post(client, httpsUrl()))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.status()).isEqualTo(502))
                    .hasMessage("provider secure (model m): TLS could not be set up (the gateway's log says why)");
        }
        assertThat(post(client, httpProvider.chatCompletionsUrl())).as("http providers still answer").isEqualTo(200);
        assertThat(httpsRequests).hasValue(0);
    }

    private int post(UpstreamClient client, URI uri) {
        try (UpstreamCall call = client.post(uri, Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), "provider secure (model m)", ClientLink.DETACHED)) {
            call.awaitHead();
            call.readAll(1 << 20);
            return call.status();
        }
    }

    private UpstreamTls trusting(Path trustStore) {
        return trusting(trustStore, PASSWORD);
    }

    private UpstreamTls trusting(Path trustStore, String password) {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        factory.setTrustStorePath(trustStore.toString());
        factory.setTrustStorePassword(password);
        factory.setTrustStoreType("PKCS12");
        return new UpstreamTls(factory);
    }

    private UpstreamResources resources(UpstreamTls tls) {
        UpstreamResources resources = new UpstreamResources(tls);
        open.add(resources);
        return resources;
    }

    private UpstreamClient client(UpstreamResources resources) {
        UpstreamClient client = new UpstreamClient(UpstreamTimeouts.DEFAULTS, Optional.empty(), "conduit-test",
                resources, new Pacing(Duration.ofMillis(50), Duration.ofSeconds(30)));
        open.add(client);
        return client;
    }

    private URI httpsUrl() {
        int port = ((ServerConnector) httpsProvider.getConnectors()[0]).getLocalPort();
        return URI.create("https://127.0.0.1:" + port + "/v1/chat/completions");
    }

    /** A provider on 127.0.0.1 whose certificate (for that address) only the test's trust store holds. */
    private Server httpsProvider() {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStorePassword(PASSWORD);
        tls.setKeyStoreType("PKCS12");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                httpsRequests.incrementAndGet();
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, ANSWER, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    private static Path resource(String name) {
        try {
            return Path.of(UpstreamTlsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
