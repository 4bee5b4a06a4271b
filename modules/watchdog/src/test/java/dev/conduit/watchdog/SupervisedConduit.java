package dev.conduit.watchdog;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.LocalProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real supervisor process with its real worker processes, run from the build's classes with a
 * home of its own, in front of a mock provider in the test JVM. Closing it kills every process it
 * started or adopted, whatever state the test left them in.
 */
final class SupervisedConduit implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final Path home;
    final RunDirectory run;
    final int port;
    private final Path config;
    private final List<Process> supervisors = new ArrayList<>();
    private LocalJmx client;

    private SupervisedConduit(Path home, int port, Path config) {
        this.home = home;
        this.run = RunDirectory.of(home);
        this.port = port;
        this.config = config;
    }

    /** Writes a config whose provider is {@code upstream} and starts a supervisor for it. */
    static SupervisedConduit start(Path home, URI upstream, String extraConfig) throws IOException {
        Path config = home.resolve("config.json");
        Files.writeString(config, """
                {%s
                 Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                 Router: {default: 'mock,mock-model'}}""".formatted(extraConfig, upstream));
        SupervisedConduit conduit = new SupervisedConduit(home, LocalPorts.unused(), config);
        conduit.startSupervisor();
        return conduit;
    }

    /** Starts a (further) supervisor for this home, as {@code conduit start} does. */
    Process startSupervisor() throws IOException {
        if (client != null) {
            client.close();
            client = null;
        }
        Process supervisor = DetachedSupervisor.launch(Installation.current(), run,
                List.of("--", "--config", config.toString(), "--port", Integer.toString(port)),
                Map.of("CONDUIT_HOME", home.toString(), "HOME", home.toString(),
                        // workers of a test need no optimizing compiler and start faster without it
                        "CONDUIT_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto"));
        supervisors.add(supervisor);
        return supervisor;
    }

    Process supervisor() {
        return supervisors.getLast();
    }

    /** The Watchdog MXBean of the latest supervisor, attached once its pid file names it. */
    WatchdogMXBean watchdog() throws IOException, InterruptedException {
        if (client == null) {
            long pid = supervisor().pid();
            await(Duration.ofSeconds(20), "the supervisor's pid file",
                    () -> run.read(run.supervisorPidFile()).map(record -> record.pid() == pid).orElse(false));
            client = LocalJmx.attach(pid, "the supervisor");
        }
        return client.watchdog();
    }

    /** Waits until a worker other than {@code previous} serves, and returns its pid. */
    long awaitServingWorker(long previous, Duration limit) throws IOException, InterruptedException {
        WatchdogMXBean watchdog = watchdog();
        await(limit, "a serving worker other than pid " + previous, () -> watchdog.getState().equals("SERVING")
                && watchdog.getWorkerPid() > 0 && watchdog.getWorkerPid() != previous);
        return watchdog.getWorkerPid();
    }

    /** True when a fresh connection gets {@code GET /ready} answered 200 within a second. */
    boolean ready() {
        return get("/ready").map(response -> response.statusCode() == 200).orElse(false);
    }

    Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    HttpResponse<String> postMessage() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    String supervisorLog() throws IOException {
        return Files.exists(run.supervisorLog()) ? Files.readString(run.supervisorLog()) : "";
    }

    /** Waits for a condition, failing with what was awaited and the supervisor's log. */
    void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + limit + "; supervisor log:\n" + supervisorLog());
            }
            Thread.sleep(20);
        }
    }

    static void signal(String name, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
        // the supervisors and the workers: their arguments name files in this home
        LocalProcesses.killAllMentioning(home.toString());
    }
}
