package dev.conduit.providers;

/**
 * What an upstream call needs to know about the client side while it waits: whether the client
 * went away, and whether the worker is draining past its deadline. Both are polled while the
 * upstream is silent, so a call ends within a fraction of a second of either.
 */
public interface ClientLink {

    /** A client that never goes away, for calls nobody waits on. */
    ClientLink DETACHED = new ClientLink() {
        @Override
        public boolean clientGone() {
            return false;
        }

        @Override
        public boolean mustStop() {
            return false;
        }
    };

    boolean clientGone();

    /** The worker is draining and its deadline has passed: the call must end now. */
    boolean mustStop();

    /** The call spent {@code nanos} waiting on the upstream (for the gateway-overhead metric). */
    default void upstreamWaited(long nanos) {
    }

    /** The first byte of the upstream's answer body arrived (for its time to first byte). */
    default void upstreamFirstByte() {
    }
}
