package dev.conduit.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.conduit.server.RunningGateway;
import dev.conduit.server.logging.Logging;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RawConnection;
import dev.conduit.testing.RecordedRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Canary keys (the providers' and Conduit's own APIKEY) never show in anything Conduit writes or
 * exposes: responses (successes, upstream errors that echo the key, a provider that cannot be
 * reached, refused clients), the log file at debug level, {@code /health/detailed}, {@code
 * /metrics}, every attribute of every platform MBean, and thread dumps taken while a request waits
 * on its provider. Conduit's APIKEY never reaches a provider, and the log file is its user's alone.
 * To cover a new kind of traffic, add a {@link Step}.
 */
class SecretsNeverLeakTest {

    private static final String PROVIDER_KEY = RunningGateway.UPSTREAM_KEY;
    private static final String ANTHROPIC_KEY = "sk-ant-canary-5f0d2b7e9c14a8d3";
    private static final String UNREACHABLE_KEY = "sk-down-canary-7c41e9a0b2d85f36";
    private static final String GATEWAY_KEY = "conduit-apikey-canary-3e9b71d4";
    private static final List<String> SECRETS = List.of(PROVIDER_KEY, ANTHROPIC_KEY, UNREACHABLE_KEY, GATEWAY_KEY);

    private static final String MESSAGE = "{\"model\":\"%s\",\"max_tokens\":16,\"stream\":%s,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** The request held by the provider, told apart from the other steps' by its user. */
    private static final String HELD = "{\"model\":\"mock-model\",\"max_tokens\":16,\"stream\":true,"
            + "\"metadata\":{\"user_id\":\"%s\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String HELD_USER = "held-by-the-provider";
    private static final String CHAT = "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static Path directory;
    private static RunningGateway gateway;
    private static HttpClient http;
    /** Everything the traffic brought back, and everything else that was looked at, by where it came from. */
    private static final List<Output> outputs = new ArrayList<>();

    private record Output(String source, String text) {}

    /** One kind of traffic. */
    private record Step(String name, Action action) {}

    private interface Action {
        void run() throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("conduit-secrets");
        Logging.apply("debug", directory.resolve("logs/worker.log"));
        int unreachable = LocalPorts.unused();
        gateway = RunningGateway.start("APIKEY: '" + GATEWAY_KEY + "', LOG_LEVEL: 'debug',", """
                {name: 'claude', type: 'anthropic', api_base_url: '{origin}/v1/messages', api_key: '%s', models: ['claude-x']},
                {name: 'down', api_base_url: 'http://127.0.0.1:%d/v1/chat/completions', api_key: '%s', models: ['m']},
                """.formatted(ANTHROPIC_KEY, unreachable, UNREACHABLE_KEY));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        gateway.close();
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.getLogger(Logger.ROOT_LOGGER_NAME).detachAndStopAllAppenders();
        new ch.qos.logback.classic.util.ContextInitializer(logback).autoConfig();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static final List<Step> STEPS = List.of(
            new Step("a whole answer", () -> post("/v1/messages", MESSAGE.formatted("mock-model", false))),
            new Step("a streamed answer", () -> {
                gateway.upstream().enqueue(MockReply.sse(OpenAiChunks.textStream("Hello there", 5, 2)));
                post("/v1/messages", MESSAGE.formatted("mock-model", true));
            }),
            new Step("an OpenAI client", () -> {
                post("/v1/chat/completions", CHAT.formatted("mock-model", false));
                gateway.upstream().enqueue(MockReply.sse(OpenAiChunks.textStream("Hello there", 5, 2)));
                post("/v1/chat/completions", CHAT.formatted("mock-model", true));
            }),
            new Step("a 401 that echoes the key", () -> {
                for (String path : List.of("/v1/messages", "/v1/chat/completions")) {
                    for (boolean stream : List.of(false, true)) {
                        gateway.upstream().enqueue(MockReply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                                + PROVIDER_KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
                        post(path, (path.contains("chat") ? CHAT : MESSAGE).formatted("mock-model", stream));
                    }
                }
            }),
            new Step("a 500 in plain text with the key and its header", () -> {
                gateway.upstream().enqueue(new MockReply.Whole(500, "text/plain",
                        "upstream exploded; Authorization: Bearer " + PROVIDER_KEY, Map.of()));
                post("/v1/messages", MESSAGE.formatted("mock-model", false));
            }),
            new Step("an error inside a stream that echoes the key", () -> {
                gateway.upstream().enqueue(MockReply.sseCut(List.of(OpenAiChunks.textChunk("Hel"),
                        "{\"error\":{\"message\":\"key " + PROVIDER_KEY + " revoked mid-stream\"}}")));
                post("/v1/messages", MESSAGE.formatted("mock-model", true));
            }),
            new Step("Anthropic's API echoing its key", () -> {
                gateway.upstream().enqueue(MockReply.json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                        + "\"message\":\"invalid x-api-key " + ANTHROPIC_KEY + "\"}}"));
                post("/v1/messages", MESSAGE.formatted("claude,claude-x", false));
            }),
            new Step("a provider that cannot be reached", () -> {
                post("/v1/messages", MESSAGE.formatted("down,m", false));
                post("/v1/chat/completions", CHAT.formatted("down,m", true));
            }),
            new Step("clients with a wrong key", () -> {
                send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages")).header("x-api-key", "wrong-key")
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(MESSAGE.formatted("mock-model", false))));
                send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                        .header("authorization", "Bearer " + GATEWAY_KEY.substring(0, 10)).GET());
            }),
            new Step("the other endpoints", () -> {
                get("/v1/models");
                post("/v1/messages/count_tokens", "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                get("/health");
            }),
            new Step("a thread dump while a request waits on its provider", () -> {
                gateway.upstream().enqueue(new MockReply.Hang(List.of()));
                int port = Integer.parseInt(gateway.baseUrl().substring(gateway.baseUrl().lastIndexOf(':') + 1));
                String held = HELD.formatted(HELD_USER);
                try (RawConnection client = new RawConnection(port)) {
                    client.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + GATEWAY_KEY
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + held.length() + "\r\n\r\n" + held);
                    // this very request, not any earlier step's: the dumps must catch it waiting on the
                    // provider, and a client gone before it got there would leave nothing to cancel
                    gateway.upstream().awaitRequestFrom(HELD_USER, 20, TimeUnit.SECONDS);
                    outputs.add(new Output("thread dump (jcmd Thread.print)", threadPrint()));
                    outputs.add(new Output("thread dump (ThreadMXBean)", threadInfos()));
                }
                gateway.upstream().awaitCancellationOf(HELD_USER, 20, TimeUnit.SECONDS);
            }),
            new Step("a config reload, rejected and then applied", () -> {
                Path config = gateway.configFile();
                String good = Files.readString(config);
                // the broken value sits beside a key, where an error message might quote it
                Files.writeString(config, good.replace("models: ['m']", "models: ['m'], api_key: 12"));
                post("/admin/reload", "");
                Files.writeString(config, good);
                post("/admin/reload", "");
            })
    );

    @Test
    void noKeyShowsAnywhere() throws Exception {
        for (Step step : STEPS) {
            step.action().run();
        }
        outputs.add(new Output("GET /health/detailed", get("/health/detailed")));
        outputs.add(new Output("GET /metrics", get("/metrics")));
        outputs.add(new Output("MBean attributes", MBeanAttributes.all()));
        outputs.add(new Output("thread dump afterwards", threadPrint()));
        outputs.add(new Output("log file", Files.readString(directory.resolve("logs/worker.log"))));

        List<String> leaks = new ArrayList<>();
        for (Output output : outputs) {
            for (String secret : SECRETS) {
                if (output.text().contains(secret)) {
                    leaks.add(secret + " in " + output.source());
                }
            }
        }
        for (RecordedRequest received : gateway.upstream().received()) {
            if ((received.headers().toString() + received.body()).contains(GATEWAY_KEY)) {
                leaks.add("Conduit's APIKEY reached the provider in " + received.method() + " " + received.path());
            }
        }

        assertThat(outputs).as("every step and source was looked at").hasSizeGreaterThanOrEqualTo(STEPS.size() + 5);
        String everything = String.join("\n", outputs.stream().map(Output::text).toList());
        for (String sign : List.of("Hello from the mock upstream.", "text_delta", "chat.completion.chunk", "answered 401", "answered 500",
                "connection refused by 127.0.0.1", "invalid API key", "\"status\":\"rejected\"",
                "\"status\":\"applied\"")) {
            assertThat(everything.contains(sign)).as("the traffic shows \"%s\"", sign).isTrue();
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theLogFileAndItsFolderAreTheUsersAlone() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("logs"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("logs/worker.log"))))
                .isEqualTo("rw-------");
    }

    private static void post(String path, String body) throws Exception {
        send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).header("x-api-key", GATEWAY_KEY)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).header("x-api-key", GATEWAY_KEY).GET());
    }

    /** Sends, and keeps status, headers and body as one output. */
    private static String send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        String text = response.statusCode() + " " + response.headers().map() + "\n" + response.body();
        outputs.add(new Output(built.method() + " " + built.uri().getPath() + " → " + response.statusCode(), text));
        return text;
    }

    /** What {@code jcmd <pid> Thread.print} prints, through the same diagnostic command. */
    private static String threadPrint() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                new Object[] {new String[] {"-l", "-e"}}, new String[] {String[].class.getName()});
    }

    /** Every thread's name, state, locks and whole stack, as a monitoring tool reads them. */
    private static String threadInfos() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info.getThreadName()).append(' ').append(info.getThreadState()).append(' ')
                    .append(info.getLockName()).append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                dump.append("  at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}
