package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.management.Mbeans;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RawConnection;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What JConsole, VisualVM or the JMX exporter read from {@code dev.conduit:type=Connections}. */
class ConnectionsMBeanTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("PING_INTERVAL_MS: 60000,");

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectName NAME = Mbeans.name("Connections");

    private static Object attribute(String name) throws Exception {
        return JMX.getAttribute(NAME, name);
    }

    @Test
    void attributesShowConnectionsStreamsAndTheUpstreamPoolAsOpenTypes() throws Exception {
        gateway.upstream.enqueue(new MockReply.Hang(List.of("data: " + roleChunk() + "\n\n", "data: " + textChunk("Hi") + "\n\n")));
        try (RawConnection idle = new RawConnection(gateway.worker.port());
                RawConnection stream = new RawConnection(gateway.worker.port())) {
            idle.get("/alive");
            idle.readUntil("}", Duration.ofSeconds(5));
            stream.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            stream.readUntil("\"text\":\"Hi\"", Duration.ofSeconds(5));

            assertThat(attribute("OpenConnections")).isEqualTo(2);
            assertThat(attribute("Streams")).isEqualTo(1);
            assertThat(attribute("RequestsInFlight")).isEqualTo(1);
            TabularData byProtocol = (TabularData) attribute("ConnectionsByProtocol");
            assertThat(byProtocol.get(new Object[] {"http/1.1"}).get("value")).isEqualTo(2);
            CompositeData[] oldest = (CompositeData[]) attribute("OldestConnections");
            assertThat(oldest).hasSize(2);
            assertThat((Long) oldest[0].get("openedAt")).isLessThanOrEqualTo((Long) oldest[1].get("openedAt"));
            CompositeData streaming = (Boolean) oldest[0].get("streaming") ? oldest[0] : oldest[1];
            CompositeData quiet = streaming == oldest[0] ? oldest[1] : oldest[0];
            assertThat((Boolean) streaming.get("streaming")).isTrue();
            assertThat((Boolean) quiet.get("streaming")).isFalse();
            assertThat(streaming.get("requestsInFlight")).isEqualTo(1);
            assertThat(quiet.get("requestsInFlight")).isEqualTo(0);
            assertThat((String) streaming.get("remoteAddress")).startsWith("127.0.0.1:");
            assertThat((Long) streaming.get("bytesIn")).isGreaterThan(50);
            CompositeData[] pools = (CompositeData[]) attribute("UpstreamPools");
            assertThat(pools).extracting(pool -> pool.get("provider")).containsExactly("mock");
            assertThat(pools[0].get("active")).isEqualTo(1);
            assertThat(attribute("DrainState")).isEqualTo("SERVING");
        }
    }

    @Test
    void everyAttributeAndOperationIsDescribed() throws Exception {
        var info = JMX.getMBeanInfo(NAME);

        assertThat(info.getDescription()).startsWith("Client connections of the worker");
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertThat(attribute.getDescription()).as(attribute.getName()).isNotBlank().isNotEqualTo(attribute.getName());
        }
        assertThat(info.getOperations()).singleElement().satisfies(operation -> {
            assertThat(operation.getName()).isEqualTo("drain");
            assertThat(operation.getDescription()).startsWith("Stops accepting");
        });
    }
}
