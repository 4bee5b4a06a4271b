package dev.conduit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.LocalProcesses;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's {@code conduit start}: a supervisor JVM with a tiny heap runs {@code bin/conduit run}
 * as its worker, replaces it when it is killed, and {@code conduit stop} ends both. The
 * supervisor's resident memory goes to {@code target/supervisor-rss.txt}.
 */
class SupervisorIT {

    private static final Pattern RUNNING = Pattern.compile("supervisor pid (\\d+), worker pid (\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    Path home;

    private ConduitProcess conduit(String... args) throws Exception {
        return ConduitProcess.runToEnd(home, args);
    }

    private static String status(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS") || line.startsWith("RssAnon"))
                .map(line -> line.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    @Test
    void theImageRunsASupervisedWorkerThatIsReplacedWhenKilledAndStopsWithItsSupervisor() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            Path config = home.resolve("config.json");
            Files.writeString(config, """
                    {Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(upstream.chatCompletionsUrl()));
            int port = LocalPorts.unused();
            ConduitProcess start = conduit("start", "--config", config.toString(), "--port", Integer.toString(port));
            assertThat(start.process().exitValue()).as(start.output()).isZero();
            Matcher pids = RUNNING.matcher(start.output());
            assertThat(pids.find()).as(start.output()).isTrue();
            long supervisor = Long.parseLong(pids.group(1));
            long worker = Long.parseLong(pids.group(2));
            String supervisorLine = ProcessHandle.of(supervisor).orElseThrow().info().commandLine().orElse("");
            assertThat(supervisorLine).contains("-Xint").contains("-Xmx24m");
            String rssAfterStart = status(supervisor);

            ProcessHandle.of(worker).orElseThrow().destroyForcibly();
            long killedAt = System.nanoTime();
            while (!ready(port)) {
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt)).as("serving again").isLessThan(10);
                Thread.sleep(20);
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

            ConduitProcess status = conduit("status");
            assertThat(status.process().exitValue()).as(status.output()).isZero();
            assertThat(status.output()).contains("restarts    1").contains("last exit: killed by SIGKILL")
                    .contains("health healthy");
            String rssAfterStatus = status(supervisor);

            ConduitProcess stop = conduit("stop");
            assertThat(stop.process().exitValue()).as(stop.output()).isZero();
            assertThat(ProcessHandle.of(supervisor)).isEmpty();
            Files.writeString(Path.of("target/supervisor-rss.txt"), """
                    supervisor (image, %s): after conduit start %s; after conduit status %s
                    kill -9 of the worker: /ready 200 again after %d ms
                    """.formatted(supervisorLine.replaceAll(".*/bin/java (.*) -m .*", "$1"), rssAfterStart,
                    rssAfterStatus, readyMillis));
        } finally {
            LocalProcesses.killAllMentioning(home.toString());
        }
    }
}
