package dev.conduit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.LocalProcesses;
import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's {@code daemon/conduitd} over the real jsvc (Debian's {@code jsvc} package; {@code
 * .ci/run} installs it): jsvc hosts the supervisor in its JVM from the image's modules, the
 * supervisor runs the workers, and {@code conduit status}, SIGUSR2 and SIGTERM work on it. The
 * numbers go to {@code target/jsvc-service.txt}.
 */
class JsvcServiceIT {

    private static final Path JSVC = Path.of("/usr/bin/jsvc");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    Path home;

    private MockUpstream upstream;
    private Path config;
    private int port;

    @BeforeEach
    void serviceSetUp() throws Exception {
        // on CI jsvc must be there (.ci/run installs it); elsewhere the test needs it installed
        boolean present = Files.isExecutable(JSVC);
        if (System.getenv("CI") != null) {
            assertThat(present).as("jsvc is installed (.ci/run installs the jsvc package)").isTrue();
        }
        assumeTrue(present, "jsvc is not installed (apt-get install jsvc)");
        upstream = new MockUpstream();
        port = LocalPorts.unused();
        config = home.resolve("config.json");
        writeConfig("mock-model");
    }

    @AfterEach
    void killEverything() throws Exception {
        LocalProcesses.killAllMentioning(home.toString());
        if (upstream != null) {
            upstream.close();
        }
    }

    private void writeConfig(String... models) throws IOException {
        Files.writeString(config, """
                {Providers: [{name: 'mock', api_base_url: '%s', models: ['%s']}],
                 Router: {default: 'mock,mock-model'}, PORT: %d}"""
                .formatted(upstream.chatCompletionsUrl(), String.join("', '", models), port));
    }

    private record Run(int exitCode, String output) {}

    /** A command as the service's environment runs it: this home, this config, no defaults file. */
    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        List.of("JAVA_OPTS", "CONDUIT_JAVA_OPTS", "CONDUIT_ARGS", "CONDUIT_IMAGE").forEach(environment::remove);
        environment.putAll(Map.of("CONDUIT_HOME", home.toString(), "CONDUIT_CONFIG", config.toString(),
                "CONDUIT_DEFAULTS", home.resolve("no-defaults").toString(), "HOME", home.toString(),
                // jsvc switches user only when root starts it and CONDUIT_USER is another user
                "CONDUIT_USER", System.getProperty("user.name")));
        return builder;
    }

    private Run run(List<String> command) throws Exception {
        Process process = builder(command).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Run conduitd(String action) throws Exception {
        return run(List.of(ConduitProcess.IMAGE.resolve("daemon/conduitd").toString(), action));
    }

    private Run conduit(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ConduitProcess.IMAGE.resolve("bin/conduit").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean ready() {
        try {
            return get("/ready").statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** The pid a file in {@code run/} records; -1 while there is none (a worker between two lives). */
    private long pidIn(String file) throws IOException {
        Path path = home.resolve("run").resolve(file);
        if (!Files.exists(path)) {
            return -1;
        }
        String text = Files.readString(path).strip();
        if (file.endsWith(".pid") && text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        Properties record = new Properties();
        record.load(new StringReader(text));
        return Long.parseLong(record.getProperty("pid"));
    }

    private static void await(String what, Duration deadline, Check check) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as(what + " within " + deadline).isLessThan(end);
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private String log(String name) throws IOException {
        Path file = home.resolve("logs").resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void conduitdStartsServesSurvivesAKilledWorkerReloadsOnSigusr2AndStopsCleanly() throws Exception {
        long startedAt = System.nanoTime();
        Run start = conduitd("start");
        long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).startsWith("conduitd: started (pid ");
        long service = pidIn("jsvc.pid");
        assertThat(ready()).as("serving once conduitd start returns").isTrue();
        assertThat(ProcessHandle.of(service).orElseThrow().info().command().orElse("")).endsWith("jsvc");

        // the jsvc JVM is the supervisor: its pid file, lock and MXBean serve the conduit command
        assertThat(pidIn("supervisor.pid")).isEqualTo(service);
        Run status = conduit("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("supervisor  pid " + service + ", ").contains("SERVING")
                .contains("port " + port);
        String rss = rss(service);

        long worker = pidIn("worker.pid");
        assertThat(worker).as("the serving worker's pid file").isPositive();
        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        long killedAt = System.nanoTime();
        await("a new worker serves", Duration.ofSeconds(30),
                () -> ready() && pidIn("worker.pid") > 0 && pidIn("worker.pid") != worker);
        long servedAgainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        Run afterKill = conduit("status");
        assertThat(afterKill.output()).contains("last exit: killed by SIGKILL");

        writeConfig("mock-model", "mock-model-2");
        assertThat(new ProcessBuilder("kill", "-USR2", Long.toString(service)).start().waitFor()).isZero();
        await("the worker reloads on the service's reload signal", Duration.ofSeconds(30),
                () -> log("worker.out").contains("config reloaded (the service's reload signal)"));
        assertThat(log("supervisor.log")).contains("reload signal: 1 worker(s) told to reload the config");
        assertThat(get("/v1/models").body()).contains("mock-model-2");

        long servingWorker = pidIn("worker.pid");
        Run stop = conduitd("stop");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.output()).isEqualTo("conduitd: stopped (pid " + service + ")\n");
        assertThat(ProcessHandle.of(service)).as("jsvc has exited").isEmpty();
        assertThat(ProcessHandle.of(servingWorker)).as("the worker has exited").isEmpty();
        try (var files = Files.list(home.resolve("run"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("no pid file, no socket: only the lock, never deleted").containsExactly("supervisor.lock");
        }
        assertThat(log("supervisor.log")).contains("worker pid " + servingWorker
                + " has left (the supervisor stops; exited with status 0)").contains("stopped: every worker has stopped");
        assertThat(conduitd("status").exitCode()).isEqualTo(3);
        assertThat(conduit("status").exitCode()).isEqualTo(3);

        Files.writeString(Path.of("target/jsvc-service.txt"), """
                conduitd start (jsvc -wait, returns once the worker serves): %d ms
                service JVM (jsvc, the supervisor) after start: %s
                kill -9 of the worker: /ready 200 again after %d ms
                """.formatted(startMillis, rss, servedAgainMillis));
    }

    @Test
    void underSystemdsRunJsvcExitsZeroOnSigtermAfterTheDrain() throws Exception {
        Process jsvc = builder(List.of(ConduitProcess.IMAGE.resolve("daemon/conduitd").toString(), "run"))
                .redirectOutput(home.resolve("run.out").toFile()).start();
        await("serving", Duration.ofSeconds(60), () -> ready() && pidIn("worker.pid") > 0);
        // conduitd run execs jsvc: systemd's main process is jsvc, which forwards signals to its JVM
        assertThat(jsvc.info().command().orElse("")).endsWith("jsvc");
        long worker = pidIn("worker.pid");

        jsvc.destroy();
        assertThat(jsvc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jsvc.exitValue()).as(Files.readString(home.resolve("run.out"))).isZero();
        assertThat(ProcessHandle.of(worker)).isEmpty();
        assertThat(home.resolve("run/supervisor.pid")).doesNotExist();
        assertThat(home.resolve("run/worker.pid")).doesNotExist();
    }

    @Test
    void aStopWhileTheServiceStartsDrainsWhatStartedAndExitsZero() throws Exception {
        Process jsvc = builder(List.of(ConduitProcess.IMAGE.resolve("daemon/conduitd").toString(), "run"))
                .redirectOutput(home.resolve("run.out").toFile()).start();
        // the supervisor's pid file is written in start(), which returns only once a worker serves;
        // before then jsvc's own signal handlers are not installed yet
        await("the service is starting", Duration.ofSeconds(60), () -> pidIn("supervisor.pid") > 0);

        jsvc.destroy();
        assertThat(jsvc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jsvc.exitValue()).as(log("jsvc.out")).isZero();
        assertThat(LocalProcesses.mentioning(home.toString())).as("no worker left behind").isEmpty();
        assertThat(home.resolve("run/supervisor.pid")).doesNotExist();
        assertThat(home.resolve("run/worker.pid")).doesNotExist();
    }

    @Test
    void aStartThatCannotWorkFailsInInitWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Run start = conduitd("start");
            assertThat(start.exitCode()).isEqualTo(1);
            assertThat(start.output()).contains("conduitd: the service did not start")
                    .contains("Conduit cannot start: cannot listen on 127.0.0.1:" + port);
        }
        assertThat(LocalProcesses.mentioning(home.toString())).isEmpty();
        assertThat(home.resolve("run/supervisor.pid")).doesNotExist();
    }

    private static String rss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS") || line.startsWith("RssAnon"))
                .map(line -> line.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
