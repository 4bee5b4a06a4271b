package dev.conduit.routing;

import java.time.Duration;

/** What to do after an attempt failed before anything reached the client. */
public sealed interface NextStep {

    /** Make this attempt, after its wait. */
    record Go(Attempt attempt) implements NextStep {}

    /** Answer the client with the failure as it is. */
    record Stop() implements NextStep {}

    /**
     * The only way on is a wait longer than Conduit waits itself: tell the client to come back
     * after {@code retryAfter} (429 with {@code Retry-After}).
     */
    record TooLongToWait(Duration retryAfter) implements NextStep {}
}
