package dev.conduit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The value in force is swapped for new work; work keeps what it leased; a retired value closes after its work. */
class SwappableTest {

    /** A value that knows whether it was closed, and how often it is leased. */
    private static final class Resource {
        final String name;
        final AtomicInteger leased = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile boolean closedWhileLeased;

        Resource(String name) {
            this.name = name;
        }
    }

    private static void close(Resource resource) {
        if (resource.leased.get() > 0) {
            resource.closedWhileLeased = true;
        }
        resource.closed.incrementAndGet();
    }

    @Test
    void newLeasesGetTheNewValueAndOldLeasesKeepTheirs() {
        Resource first = new Resource("first");
        Resource second = new Resource("second");
        Swappable<Resource> swappable = new Swappable<>(first, SwappableTest::close);

        try (Swappable.Lease<Resource> inFlight = swappable.lease()) {
            swappable.swap(second);

            assertThat(inFlight.value()).isSameAs(first);
            assertThat(swappable.current()).isSameAs(second);
            try (Swappable.Lease<Resource> next = swappable.lease()) {
                assertThat(next.value()).isSameAs(second);
            }
            assertThat(first.closed).as("closed only once its lease is returned").hasValue(0);
        }
        assertThat(first.closed).hasValue(1);
        assertThat(second.closed).hasValue(0);
    }

    @Test
    void aValueWithoutLeasesClosesWhenSwappedOut() {
        Resource first = new Resource("first");
        Swappable<Resource> swappable = new Swappable<>(first, SwappableTest::close);

        swappable.swap(new Resource("second"));

        assertThat(first.closed).hasValue(1);
    }

    @Test
    void closingRetiresTheValueInForceOnceItsLeasesAreReturned() {
        Resource only = new Resource("only");
        Swappable<Resource> swappable = new Swappable<>(only, SwappableTest::close);
        Swappable.Lease<Resource> lease = swappable.lease();

        swappable.close();
        swappable.close();
        assertThat(only.closed).hasValue(0);
        lease.close();
        lease.close();

        assertThat(only.closed).hasValue(1);
    }

    @Test
    void underConcurrentLeasesAndSwapsEveryValueClosesOnceAndNeverWhileLeased() throws Exception {
        List<Resource> values = new ArrayList<>();
        values.add(new Resource("0"));
        Swappable<Resource> swappable = new Swappable<>(values.getFirst(), SwappableTest::close);
        AtomicBoolean swapping = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(4);
        for (int worker = 0; worker < 4; worker++) {
            Thread.ofPlatform().start(() -> {
                while (swapping.get()) {
                    try (Swappable.Lease<Resource> lease = swappable.lease()) {
                        lease.value().leased.incrementAndGet();
                        if (lease.value().closed.get() > 0) {
                            problems.add("leased " + lease.value().name + " after it closed");
                        }
                        lease.value().leased.decrementAndGet();
                    }
                }
                done.countDown();
            });
        }
        for (int i = 1; i <= 2_000; i++) {
            Resource next = new Resource(Integer.toString(i));
            values.add(next);
            swappable.swap(next);
        }
        swapping.set(false);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        swappable.close();

        assertThat(problems).isEmpty();
        assertThat(values).allSatisfy(value -> {
            assertThat(value.closed).as(value.name).hasValue(1);
            assertThat(value.closedWhileLeased).as(value.name).isFalse();
        });
    }
}
