package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With ADMIN_REQUIRES_APIKEY, the metrics and the detailed health need the key; probes never do. */
class AdminPagesAuthTest {

    private static final String KEY = "admin-pages-key-93c1";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("APIKEY: '" + KEY + "', ADMIN_REQUIRES_APIKEY: true,");

    private static int status(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("x-api-key", key);
        }
        return gateway.send(request.GET().build()).statusCode();
    }

    @Test
    void adminPagesNeedTheKey() throws Exception {
        assertThat(status("/metrics", null)).isEqualTo(401);
        assertThat(status("/health/detailed", null)).isEqualTo(401);
        assertThat(status("/metrics", KEY)).isEqualTo(200);
        assertThat(status("/health/detailed", KEY)).isEqualTo(200);
    }

    @Test
    void probesStayOpen() throws Exception {
        assertThat(status("/alive", null)).isEqualTo(200);
        assertThat(status("/ready", null)).isEqualTo(200);
        assertThat(status("/health", null)).isEqualTo(200);
    }
}
