package dev.conduit.control;

import java.util.List;

/**
 * One message on the control channel. Workers send {@link Hello}, {@link Ready}, {@link Draining}
 * and {@link Beat}; the supervisor sends {@link Handover}, {@link Alarm} and {@link Reload}. On the wire each is
 * one line (see {@link ControlLines}); a line a side does not understand is skipped, so either side
 * may be newer.
 */
public sealed interface ControlMessage {

    /** The first line a worker sends on every connection: who it is and how it was started. */
    record Hello(long pid, List<String> args) implements ControlMessage {
        public Hello {
            args = List.copyOf(args);
        }
    }

    /** The worker listens and serves; sent again after a reconnect. */
    record Ready(String host, int port, long drainTimeoutMillis) implements ControlMessage {}

    /** The worker has stopped accepting and drains (SIGTERM or a {@link Handover}). */
    record Draining() implements ControlMessage {}

    /**
     * The worker drains at an operator's request (JMX {@code drain}) and exits within
     * {@code deadlineMillis}: the supervisor starts no replacement until it is told to.
     */
    record StoppingByRequest(long deadlineMillis) implements ControlMessage {}

    /** An operator asked the worker (JMX {@code restart}) for a rolling restart, which only the supervisor can do. */
    record RestartRequest() implements ControlMessage {}

    /** Sent every second while the worker runs; carries the heap in use after the last collection. */
    record Beat(long heapUsedBytes, long heapMaxBytes) implements ControlMessage {}

    /**
     * Supervisor to worker: a successor serves the port now, so stop accepting, let requests in
     * flight finish and streams run for up to {@code deadlineMillis}, then exit.
     */
    record Handover(long deadlineMillis) implements ControlMessage {}

    /** Supervisor to worker: an alarm to show in {@code /health} ({@code text} empty: none). */
    record Alarm(String text) implements ControlMessage {}

    /** Supervisor to worker: reload the config (the service got its reload signal, SIGUSR2). */
    record Reload() implements ControlMessage {}
}
