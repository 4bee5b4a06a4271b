package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conduit logs}: the last lines, and {@code -f} following a log as it is written and rotated. */
class LogsCommandTest {

    @TempDir
    Path home;

    private final InProcessConduit conduit = InProcessConduit.homedAt(() -> home);

    private Path writeLog(String name, int lines) throws IOException {
        Files.createDirectories(home.resolve("logs"));
        return Files.writeString(home.resolve("logs").resolve(name),
                IntStream.rangeClosed(1, lines).mapToObj(i -> name + " line " + i + "\n").collect(Collectors.joining()));
    }

    @Test
    void printsTheLastLinesOfTheWorkerOrTheSupervisor() throws Exception {
        writeLog("worker.out", 30);
        writeLog("supervisor.log", 3);

        assertThat(conduit.run("logs", "--lines", "2")).isZero();
        assertThat(conduit.out()).isEqualTo("worker.out line 29\nworker.out line 30\n");
        assertThat(conduit.run("logs", "--supervisor")).isZero();
        assertThat(conduit.out())
                .isEqualTo("supervisor.log line 1\nsupervisor.log line 2\nsupervisor.log line 3\n");
    }

    @Test
    void withoutASupervisedWorkerItReadsTheWorkerLogOfConduitRun() throws Exception {
        writeLog("worker.log", 25);

        assertThat(conduit.run("logs")).isZero();
        assertThat(conduit.out().lines()).hasSize(20).first().isEqualTo("worker.log line 6");
    }

    @Test
    void aMissingLogAndBadOptionsAreSaid() {
        assertThat(conduit.run("logs", "--supervisor")).isEqualTo(1);
        assertThat(conduit.err())
                .isEqualTo("No log at " + home.resolve("logs/supervisor.log") + ": has conduit start run?\n");
        assertThat(conduit.run("logs", "--lines", "many")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit logs: --lines needs a number, not many\n");
    }

    @Test
    void followPrintsNewLinesAndKeepsGoingAcrossARotation() throws Exception {
        Path log = writeLog("worker.out", 5);
        ConduitCommand conduit = new ConduitCommand(home);
        Process follower = conduit.start("logs", "-f", "--lines", "2");
        try {
            awaitOutput(conduit, "worker.out line 4\nworker.out line 5\n");
            Files.writeString(log, "appended\n", StandardOpenOption.APPEND);
            awaitOutput(conduit, "worker.out line 4\nworker.out line 5\nappended\n");

            Files.move(log, home.resolve("logs/worker.out.1"));
            Files.writeString(log, "after the rotation\n");
            awaitOutput(conduit, "worker.out line 4\nworker.out line 5\nappended\nafter the rotation\n");
            assertThat(follower.isAlive()).isTrue();
        } finally {
            follower.destroy();
            follower.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitOutput(ConduitCommand conduit, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!conduit.output().equals(expected)) {
            assertThat(System.nanoTime()).as("output so far: " + conduit.output()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
