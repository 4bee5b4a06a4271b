package dev.conduit.control;

/** One worker's control connection, as the supervisor sees it. */
public interface WorkerChannel {

    /** Sends a command; false when the connection is gone (the supervisor then relies on signals). */
    boolean send(ControlMessage message);

    void close();
}
