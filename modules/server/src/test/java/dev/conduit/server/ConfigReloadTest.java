package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.management.Mbeans;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RawConnection;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Notification;
import javax.management.NotificationListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot reload through the config file, as an operator edits it: a change reaches new requests, a
 * config with errors is rejected and reported while the one in force keeps serving, settings the
 * server was built with wait for a restart, and a stream in flight is not disturbed.
 */
class ConfigReloadTest {

    private static final String ROUTER = "{default: 'mock,mock-model'}";
    private static final String OTHER_ROUTER = "{default: 'mock,Other-Model'}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", "", ROUTER);

    @AfterEach
    void backToTheFirstConfig() throws Exception {
        Optional<ReloadOutcome> before = gateway.worker.lastReload();
        gateway.writeConfig("", ROUTER);
        awaitReloadAfter(before);
    }

    /** Waits for the reload that follows {@code before}, failing after ten seconds. */
    static ReloadOutcome awaitReloadAfter(Optional<ReloadOutcome> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<ReloadOutcome> last = gateway.worker.lastReload();
            if (last.isPresent() && !last.equals(before)) {
                return last.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no reload within 10 s");
    }

    private static ReloadOutcome rewrite(String extraConfig, String router) throws Exception {
        Optional<ReloadOutcome> before = gateway.worker.lastReload();
        gateway.writeConfig(extraConfig, router);
        return awaitReloadAfter(before);
    }

    private static String modelServing() throws Exception {
        HttpResponse<String> response = gateway.postJson("/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue();
    }

    private static JsonNode healthDetailed() throws Exception {
        HttpResponse<String> response = gateway.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.baseUrl() + "/health/detailed")).build());
        return JSON.readTree(response.body());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").stringValue().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    @Test
    void aChangedFileServesNewRequests() throws Exception {
        assertThat(modelServing()).isEqualTo("mock-model");

        ReloadOutcome outcome = rewrite("", OTHER_ROUTER);

        assertThat(outcome.applied()).isTrue();
        assertThat(outcome.summary()).isEqualTo("applied (the config file changed): 1 provider, 0 rules, default → mock,Other-Model");
        assertThat(modelServing()).isEqualTo("Other-Model");
        assertThat(healthDetailed().get("config").get("last_reload").get("status").stringValue()).isEqualTo("applied");
    }

    @Test
    void aFileReplacedByRenameAsEditorsSaveIsReloadedToo() throws Exception {
        Optional<ReloadOutcome> before = gateway.worker.lastReload();
        Path saved = Files.writeString(gateway.configFile().resolveSibling(".config.json.swp"),
                gateway.configText("", OTHER_ROUTER));

        Files.move(saved, gateway.configFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertThat(awaitReloadAfter(before).applied()).isTrue();
        assertThat(modelServing()).isEqualTo("Other-Model");
    }

    @Test
    void aConfigWithErrorsIsRejectedAndReportedWhileTheOneInForceKeepsServing() throws Exception {
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        NotificationListener listener = (notification, handback) -> notifications.add(notification);
        ManagementFactory.getPlatformMBeanServer().addNotificationListener(Mbeans.name("Routing"), listener, null, null);
        try {
            ReloadOutcome outcome = rewrite("", "{default: 'mock,mock-model', rules: [{name: 'x', when: {model: {regex: '('}},"
                    + " target: 'mock,Other-Model'}]}");

            String reason = gateway.configFile() + ":9:82: Router.rules[0].when.model.regex: is not a valid regular"
                    + " expression: Unclosed group near index 1";
            assertThat(outcome.applied()).isFalse();
            assertThat(outcome.message()).isEqualTo(reason);
            assertThat(modelServing()).isEqualTo("mock-model");
            JsonNode health = healthDetailed();
            assertThat(health.get("config").get("last_reload").get("status").stringValue()).isEqualTo("rejected");
            assertThat(health.get("config").get("last_reload").get("message").stringValue()).isEqualTo(reason);
            assertThat(check(health, "configuration").get("status").stringValue()).isEqualTo("degraded");
            assertThat(check(health, "configuration").get("reason").stringValue())
                    .isEqualTo("the changed config was rejected, the previous one keeps serving: " + reason);
            Notification rejected = notifications.poll(5, TimeUnit.SECONDS);
            assertThat(rejected).isNotNull();
            assertThat(rejected.getType()).isEqualTo(RoutingMXBean.CONFIG_REJECTED);
            assertThat(rejected.getMessage()).isEqualTo("rejected (the config file changed): " + reason);

            assertThat(rewrite("", OTHER_ROUTER).applied()).isTrue();

            assertThat(modelServing()).isEqualTo("Other-Model");
            assertThat(check(healthDetailed(), "configuration").get("status").stringValue()).isEqualTo("healthy");
            assertThat(notifications.poll(5, TimeUnit.SECONDS).getType()).isEqualTo(RoutingMXBean.CONFIG_RELOADED);
        } finally {
            ManagementFactory.getPlatformMBeanServer().removeNotificationListener(Mbeans.name("Routing"), listener);
        }
    }

    @Test
    void aDeletedFileIsRejectedAndTheConfigInForceKeepsServing() throws Exception {
        Optional<ReloadOutcome> before = gateway.worker.lastReload();
        Files.delete(gateway.configFile());

        ReloadOutcome outcome = awaitReloadAfter(before);

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.message()).isEqualTo(gateway.configFile() + ": no such file");
        assertThat(modelServing()).isEqualTo("mock-model");
    }

    @Test
    void settingsTheServerWasBuiltWithWaitForARestart() throws Exception {
        ReloadOutcome outcome = rewrite("HOST: 'localhost', APIKEY: 'a-new-key', LOG_LEVEL: 'debug',", OTHER_ROUTER);

        assertThat(outcome.applied()).isTrue();
        assertThat(outcome.needsRestart()).containsExactly("HOST", "APIKEY");
        assertThat(outcome.summary()).endsWith("; needs a restart: HOST, APIKEY");
        assertThat(modelServing()).as("served without the new key, on the same address").isEqualTo("Other-Model");
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(Mbeans.name("Routing"),
                "SettingsNeedingRestart")).isEqualTo(new String[] {"HOST", "APIKEY"});
    }

    @Test
    void aStreamInFlightFinishesOnTheConfigItStartedWith() throws Exception {
        List<String> words = new ArrayList<>(List.of("data: " + roleChunk() + "\n\n"));
        for (int i = 0; i < 12; i++) {
            words.add("data: " + textChunk("word" + i + " ") + "\n\n");
        }
        words.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"mock-model\",\"choices\":"
                + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        words.add("data: [DONE]\n\n");
        gateway.upstream.enqueue(new MockReply.Stream(words, Duration.ofMillis(150), false));
        try (RawConnection stream = new RawConnection(gateway.worker.port())) {
            stream.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}");
            stream.readUntil("word0", Duration.ofSeconds(5));
            assertThat(gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue())
                    .isEqualTo("mock-model");

            assertThat(rewrite("", OTHER_ROUTER).applied()).isTrue();
            assertThat(gateway.worker.connections().streams()).as("the stream is still running").isEqualTo(1);
            assertThat(modelServing()).isEqualTo("Other-Model");

            String rest = stream.readUntil("event: message_stop", Duration.ofSeconds(10));
            assertThat(rest).contains("word11").doesNotContain("event: error");
        }
    }
}
