package dev.conduit.watchdog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM read from outside: its memory, whether it is stopped, and its threads by SIGQUIT. */
class ProcfsInspectorTest {

    @TempDir
    Path logs;

    /** A JVM with a thread of a telling name that waits, its console going to a file. */
    public static final class Waiting {
        public static void main(String[] args) throws InterruptedException {
            Thread waiter = Thread.ofPlatform().name("waiting-for-the-test").start(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            System.out.println("waiting");
            waiter.join();
        }
    }

    @Test
    void aRunningJvmGivesItsThreadsAndAStoppedOneIsToldApart() throws Exception {
        Path console = logs.resolve("worker.out");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Waiting.class.getName())
                .redirectOutput(console.toFile()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(console).contains("waiting")) { // up, and answering SIGQUIT
                assertThat(System.nanoTime()).as("the JVM started within 10 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            ProcfsInspector inspector = new ProcfsInspector(console, logs, InstantSource.system());
            long pid = jvm.pid();
            assertThat(inspector.residentBytes(pid)).isGreaterThan(1L << 20);
            assertThat(inspector.stopped(pid)).isFalse();

            Optional<String> saved = inspector.saveThreadDump(pid);
            assertThat(saved).get().asString().startsWith("thread dump saved to " + logs.resolve("thread-dump-" + pid));
            Path dump = Files.list(logs).filter(file -> file.getFileName().toString().startsWith("thread-dump-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(dump)).startsWith("Full thread dump").contains("\"waiting-for-the-test\"")
                    .contains("JNI global refs");
            assertThat(jvm.isAlive()).as("SIGQUIT does not end a JVM").isTrue();

            new ProcessBuilder(List.of("kill", "-STOP", Long.toString(pid))).start().waitFor(5, TimeUnit.SECONDS);
            assertThat(inspector.stopped(pid)).isTrue();
        } finally {
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
