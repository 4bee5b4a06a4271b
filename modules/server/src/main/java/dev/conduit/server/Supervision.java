package dev.conduit.server;

import java.time.Duration;

/** What a worker asks of the supervisor that runs it (over the control channel). */
interface Supervision {

    /** Asks for a rolling restart: the supervisor starts a new worker, then hands this one's traffic over. */
    void requestRestart();

    /** This worker drains at an operator's request until {@code deadline}: the supervisor must not replace it. */
    void stoppingByRequest(Duration deadline);
}
