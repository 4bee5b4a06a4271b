package dev.conduit.watchdog.internal;

import dev.conduit.control.ControlMessage;
import dev.conduit.control.WorkerChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Worker processes that exist only in the test: it decides when they connect, serve and exit. */
final class FakeWorkers implements WorkerLauncher {

    private final MutableClock clock;
    private final List<Worker> launched = new ArrayList<>();
    private final List<Worker> adopted = new ArrayList<>();
    private long nextPid = 1000;

    FakeWorkers(MutableClock clock) {
        this.clock = clock;
    }

    /** A fake worker process with its control connection. */
    final class Worker implements WorkerProcess, WorkerChannel {
        final long pid;
        final Instant startedAt = clock.instant();
        final CompletableFuture<ExitStatus> exited = new CompletableFuture<>();
        final List<String> signals = new ArrayList<>();
        final List<ControlMessage> received = new ArrayList<>();
        boolean successor;

        Worker(long pid) {
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public CompletableFuture<ExitStatus> exited() {
            return exited;
        }

        @Override
        public void terminate() {
            signals.add("SIGTERM");
        }

        @Override
        public void kill() {
            signals.add("SIGKILL");
            exit(137);
        }

        void exit(int status) {
            exited.complete(ExitStatus.of(status));
        }

        @Override
        public boolean send(ControlMessage message) {
            received.add(message);
            return true;
        }

        @Override
        public void close() {}
    }

    @Override
    public WorkerProcess launch(List<String> args, boolean successor) {
        Worker worker = new Worker(nextPid++);
        worker.successor = successor;
        launched.add(worker);
        return worker;
    }

    @Override
    public Optional<WorkerProcess> adopt(long pid) {
        Worker worker = new Worker(pid);
        adopted.add(worker);
        return Optional.of(worker);
    }

    List<Worker> launched() {
        return launched;
    }

    Worker last() {
        return launched.getLast();
    }

    List<Worker> adopted() {
        return adopted;
    }
}
