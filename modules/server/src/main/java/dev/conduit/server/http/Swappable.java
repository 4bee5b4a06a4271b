package dev.conduit.server.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The value in force for new work, replaced atomically; work that leased a value keeps it until
 * it is done, and a replaced value is closed once the last lease on it is returned. The worker
 * holds its {@link Gateway} in one: a config reload swaps in a new gateway for new requests,
 * requests in flight finish on the one they started with, and its upstream clients close after
 * them.
 */
public final class Swappable<T> implements AutoCloseable {

    private final AtomicReference<Generation<T>> current;
    private final Closer<T> closer;

    /** How a retired value is closed; failures are the closer's to report. */
    @FunctionalInterface
    public interface Closer<T> {
        void close(T retired);
    }

    public Swappable(T first, Closer<T> closer) {
        this.current = new AtomicReference<>(new Generation<>(first));
        this.closer = closer;
    }

    /** The value for one piece of work, held until the lease is closed. */
    public Lease<T> lease() {
        while (true) {
            Generation<T> generation = current.get();
            if (generation.enter()) {
                return new Lease<>(generation, this);
            }
            // retired and closed between the read and the enter: the next read sees its successor
        }
    }

    /** The value in force, for reads that hold nothing of it beyond the call (pages, attributes). */
    public T current() {
        return current.get().value;
    }

    /**
     * Puts {@code next} in force for new leases; the previous value closes once its leases are
     * returned, at once if it has none.
     */
    public void swap(T next) {
        retire(current.getAndSet(new Generation<>(next)));
    }

    /** Retires the value in force; it closes once its leases are returned. */
    @Override
    public void close() {
        retire(current.get());
    }

    private void retire(Generation<T> generation) {
        if (generation.retire()) {
            closer.close(generation.value);
        }
    }

    private void release(Generation<T> generation) {
        if (generation.leave()) {
            closer.close(generation.value);
        }
    }

    /**
     * One value and its holders: one for being in force, one per lease. The count reaching zero
     * closes it; a count of zero never rises again.
     */
    private static final class Generation<T> {
        final T value;
        private final AtomicInteger holders = new AtomicInteger(1);
        private boolean retired;

        Generation(T value) {
            this.value = value;
        }

        boolean enter() {
            int now;
            do {
                now = holders.get();
                if (now == 0) {
                    return false;
                }
            } while (!holders.compareAndSet(now, now + 1));
            return true;
        }

        /** @return whether the last holder left */
        boolean leave() {
            return holders.decrementAndGet() == 0;
        }

        /** Gives up being in force, once; @return whether that was the last holder */
        synchronized boolean retire() {
            if (retired) {
                return false;
            }
            retired = true;
            return leave();
        }
    }

    /** One holder of a value: close it when the work is done. */
    public static final class Lease<T> implements AutoCloseable {
        private final Generation<T> generation;
        private final Swappable<T> owner;
        private boolean returned;

        private Lease(Generation<T> generation, Swappable<T> owner) {
            this.generation = generation;
            this.owner = owner;
        }

        public T value() {
            return generation.value;
        }

        @Override
        public void close() {
            if (!returned) {
                returned = true;
                owner.release(generation);
            }
        }
    }
}
