package dev.conduit.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.RunningGateway;
import dev.conduit.testing.RawConnection;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a web page can make a browser send: requests by a rebound domain name ({@code Host}) and
 * cross-origin requests ({@code Origin}). Without configuration both are refused; {@code
 * ALLOWED_HOSTS} and {@code CORS_ORIGINS} open them up.
 */
class BrowserRequestsTest {

    private static final String MESSAGE = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** One request on its own connection, with the given head lines; the whole response. */
    static String exchange(RunningGateway gateway, String method, String path, String body, String... headers)
            throws IOException {
        int port = Integer.parseInt(gateway.baseUrl().substring(gateway.baseUrl().lastIndexOf(':') + 1));
        try (RawConnection client = new RawConnection(port)) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length()).append("\r\n")
                    .append("Connection: close\r\n\r\n").append(body);
            client.send(head.toString());
            return client.readToEnd(DEADLINE);
        }
    }

    @Nested
    class WithoutApiKeyOrAllowList {

        @RegisterExtension
        static final RunningGateway gateway = new RunningGateway("", "");

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1:3456", "localhost:3456", "LOCALHOST", "[::1]:3456", "app.localhost"})
        void loopbackNamesAreServed(String host) throws Exception {
            assertThat(exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: " + host)).startsWith("HTTP/1.1 200 ");
        }

        @Test
        void aRebindingDomainIsRefused() throws Exception {
            String response = exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: attacker.example:3456");

            assertThat(response).startsWith("HTTP/1.1 403 ").endsWith("{\"type\":\"error\",\"error\":{\"type\":"
                    + "\"permission_error\",\"message\":\"requests addressed to host \\\"attacker.example\\\" are refused;"
                    + " add it to ALLOWED_HOSTS if Conduit should answer to that name\"}}");
            assertThat(gateway.upstream().received()).isEmpty();
        }

        @Test
        void probesAnswerWhateverTheHost() throws Exception {
            assertThat(exchange(gateway, "GET", "/health", "", "Host: 10.1.2.3:3456")).startsWith("HTTP/1.1 200 ");
        }

        @Test
        void aCrossOriginRequestIsRefusedWithoutCorsHeaders() throws Exception {
            String response = exchange(gateway, "POST", "/v1/chat/completions",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "Host: 127.0.0.1", "Origin: https://attacker.example");

            assertThat(response).startsWith("HTTP/1.1 403 ").doesNotContainIgnoringCase("access-control-")
                    .endsWith("{\"error\":{\"message\":\"cross-origin requests from https://attacker.example are refused;"
                            + " list the origin in CORS_ORIGINS to let its pages call Conduit\",\"type\":\"permission_error\","
                            + "\"param\":null,\"code\":\"permission_error\"}}");
            assertThat(gateway.upstream().received()).isEmpty();
        }

        @Test
        void aPreflightIsRefusedToo() throws Exception {
            String response = exchange(gateway, "OPTIONS", "/v1/messages", "", "Host: 127.0.0.1",
                    "Origin: https://attacker.example", "Access-Control-Request-Method: POST");

            assertThat(response).startsWith("HTTP/1.1 403 ").doesNotContainIgnoringCase("access-control-");
        }
    }

    @Nested
    class WithAnAllowList {

        @RegisterExtension
        static final RunningGateway gateway = new RunningGateway("ALLOWED_HOSTS: ['conduit.example.com'],", "");

        @Test
        void onlyTheListedNamesAndLoopbackAddressesAreServed() throws Exception {
            assertThat(exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: Conduit.Example.com:443"))
                    .startsWith("HTTP/1.1 200 ");
            assertThat(exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: 127.0.0.1:3456")).startsWith("HTTP/1.1 200 ");
            assertThat(exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: localhost")).startsWith("HTTP/1.1 403 ");
        }
    }

    @Nested
    class WithAnApiKey {

        private static final String KEY = "browser-test-key-5e2b";

        @RegisterExtension
        static final RunningGateway gateway = new RunningGateway("APIKEY: '" + KEY + "',", "");

        @Test
        void anyHostIsServedSinceAPageCannotKnowTheKey() throws Exception {
            assertThat(exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: conduit.internal", "x-api-key: " + KEY))
                    .startsWith("HTTP/1.1 200 ");
        }
    }

    @Nested
    class WithCorsOrigins {

        private static final String KEY = "cors-test-key-77aa";

        @RegisterExtension
        static final RunningGateway gateway = new RunningGateway(
                "APIKEY: '" + KEY + "', CORS_ORIGINS: ['https://app.example.com'],", "");

        @Test
        void aPreflightFromAListedOriginIsAnsweredWithoutTheKey() throws Exception {
            String response = exchange(gateway, "OPTIONS", "/v1/messages", "", "Host: 127.0.0.1",
                    "Origin: https://app.example.com", "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: content-type, x-api-key, anthropic-version");

            assertThat(response).startsWith("HTTP/1.1 204 ")
                    .containsIgnoringCase("access-control-allow-origin: https://app.example.com")
                    .containsIgnoringCase("access-control-allow-methods: GET, POST, OPTIONS")
                    .containsIgnoringCase("access-control-allow-headers: content-type, x-api-key, anthropic-version")
                    .containsIgnoringCase("vary: Origin");
        }

        @Test
        void aRequestFromAListedOriginGetsItsCorsHeaders() throws Exception {
            String response = exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: 127.0.0.1",
                    "Origin: https://app.example.com", "x-api-key: " + KEY);

            assertThat(response).startsWith("HTTP/1.1 200 ")
                    .containsIgnoringCase("access-control-allow-origin: https://app.example.com")
                    .containsIgnoringCase("access-control-expose-headers: retry-after, request-id");
        }

        @Test
        void otherOriginsAreRefused() throws Exception {
            assertThat(exchange(gateway, "POST", "/v1/messages", MESSAGE, "Host: 127.0.0.1",
                    "Origin: https://app.example.com.attacker.example", "x-api-key: " + KEY)).startsWith("HTTP/1.1 403 ");
        }
    }
}
