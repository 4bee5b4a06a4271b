package dev.conduit.watchdog.internal;

import dev.conduit.watchdog.Installation;
import dev.conduit.watchdog.RunDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts workers as child processes of the same installation. A worker's console goes to
 * {@code logs/worker.out} (appended; rotated once past 20 MiB when the next worker starts) and its
 * input is empty, so nothing ties it to the supervisor's life: a worker outlives a killed
 * supervisor and keeps serving.
 */
public final class ProcessWorkers implements WorkerLauncher {

    private static final long ROTATE_BYTES = 20L << 20;

    private final Installation installation;
    private final RunDirectory run;

    public ProcessWorkers(Installation installation, RunDirectory run) {
        this.installation = installation;
        this.run = run;
    }

    @Override
    public WorkerProcess launch(List<String> args, boolean successor) throws IOException {
        Path console = run.workerConsole();
        rotate(console);
        ProcessBuilder builder = new ProcessBuilder(installation.worker(args, run.controlSocket(), successor))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectErrorStream(true);
        Process process = builder.start();
        CompletableFuture<ExitStatus> exited = process.onExit().thenApply(ended -> ExitStatus.of(ended.exitValue()));
        return new Handle(process.toHandle(), startedAt(process.toHandle()), exited);
    }

    @Override
    public Optional<WorkerProcess> adopt(long pid) {
        // not a child: the exit status cannot be read, only that it ended
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(handle -> new Handle(handle, startedAt(handle),
                        handle.onExit().thenApply(ended -> ExitStatus.unknown())));
    }

    private static void rotate(Path console) throws IOException {
        if (Files.exists(console) && Files.size(console) > ROTATE_BYTES) {
            Files.move(console, console.resolveSibling(console.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Instant startedAt(ProcessHandle handle) {
        return handle.info().startInstant().orElse(Instant.EPOCH);
    }

    private record Handle(ProcessHandle handle, Instant startedAt, CompletableFuture<ExitStatus> exited)
            implements WorkerProcess {

        @Override
        public long pid() {
            return handle.pid();
        }

        @Override
        public void terminate() {
            handle.destroy();
        }

        @Override
        public void kill() {
            handle.destroyForcibly();
        }
    }
}
