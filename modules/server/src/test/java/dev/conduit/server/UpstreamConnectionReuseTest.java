package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams keep their provider connection: a stream's translation ends at its last event, before
 * the end of the chunked body has been read, and closing the call there used to abort it, so
 * every stream opened a new connection (with a real provider, a TCP and TLS handshake per turn).
 */
class UpstreamConnectionReuseTest {

    private static final int STREAMS = 20;
    private static final String STREAM = """
            {"model": "claude-sonnet-4-5", "max_tokens": 100, "stream": true,
             "messages": [{"role": "user", "content": "hi"}]}""";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("");

    @Test
    void streamsOneAfterAnotherShareTheirUpstreamConnection() throws Exception {
        for (int i = 0; i < STREAMS; i++) {
            gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Answer " + i + ".", 10, 2)));

            HttpResponse<String> response = gateway.postJson("/v1/messages", STREAM);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"text\":\"Answer \"").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        }
        // a connection may still be finishing its previous answer when the next request comes,
        // so a second one is fair; one per stream is the fault
        assertThat(gateway.upstream.connectionsUsed()).as("upstream connections for %d streams", STREAMS)
                .isLessThanOrEqualTo(3);
    }
}
