package dev.conduit.watchdog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Operators' requests waiting for their outcome: a worker that serves (start, restart after a
 * failure), a rolling restart, every worker stopped. Used on the supervisor's loop only.
 */
final class PendingRequests {

    private final List<CompletableFuture<String>> serve = new ArrayList<>();
    private final List<CompletableFuture<String>> stop = new ArrayList<>();
    private CompletableFuture<String> roll;

    void awaitServe(CompletableFuture<String> done) {
        serve.add(done);
    }

    void awaitRoll(CompletableFuture<String> done) {
        roll = done;
    }

    void awaitStop(CompletableFuture<String> done) {
        stop.add(done);
    }

    void served(String message) {
        serve.forEach(done -> done.complete(message));
        serve.clear();
    }

    void notServed(String reason) {
        serve.forEach(done -> done.completeExceptionally(new IllegalStateException(reason)));
        serve.clear();
    }

    void rolled(String message) {
        if (roll != null) {
            roll.complete(message);
            roll = null;
        }
    }

    void rollFailed(String reason) {
        if (roll != null) {
            roll.completeExceptionally(new IllegalStateException("rolling restart failed: " + reason));
            roll = null;
        }
    }

    void stopped() {
        stop.forEach(done -> done.complete("every worker has stopped"));
        stop.clear();
    }
}
