package dev.conduit.providers.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.providers.ClientGoneException;
import dev.conduit.providers.ClientLink;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watcher wakes every waiting call that has to end, whatever the other calls' checks do. */
class CallWatcherTest {

    private final MockUpstream upstream = new MockUpstream();
    private final UpstreamResources resources = new UpstreamResources();
    private final UpstreamClient client = new UpstreamClient(UpstreamTimeouts.DEFAULTS, Optional.empty(), "conduit-test",
            resources, new Pacing(Duration.ofMillis(50), Duration.ofSeconds(30)));
    private final List<UpstreamCall> calls = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        calls.forEach(UpstreamCall::close);
        client.close();
        resources.close();
        upstream.close();
    }

    private UpstreamCall post(ClientLink link) {
        UpstreamCall call = client.post(upstream.chatCompletionsUrl(), Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), "provider mock (model m)", link);
        calls.add(call);
        return call;
    }

    @Test
    void aCallWhoseCheckFailsDoesNotHideTheOthersFromTheWatcher() throws Exception {
        upstream.answerWith(request -> new MockReply.Hang(List.of()));
        ClientLink broken = link(() -> {
            throw new IllegalStateException("the client's connection cannot be asked");
        });
        AtomicBoolean gone = new AtomicBoolean();
        // the watcher checks its calls in no set order: with twenty broken ones, the call whose
        // client leaves comes after at least one of them in nearly every sweep
        for (int i = 0; i < 20; i++) {
            post(broken);
        }
        UpstreamCall leaving = post(link(gone::get));
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                leaving.awaitHead();
                ended.complete(null);
            } catch (RuntimeException e) {
                ended.complete(e);
            }
        });
        // the client leaves once the call's thread waits: from then on only the watcher can tell it
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (waiting.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(waiting.getState()).as("the call's thread waits").isEqualTo(Thread.State.WAITING);
        gone.set(true);

        assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(ClientGoneException.class);
    }

    private static ClientLink link(BooleanSupplier clientGone) {
        return new ClientLink() {
            @Override
            public boolean clientGone() {
                return clientGone.getAsBoolean();
            }

            @Override
            public boolean mustStop() {
                return false;
            }
        };
    }
}
