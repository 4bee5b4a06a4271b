package dev.conduit.routing;

/** What a breaker said when an attempt asked to go to its target. */
enum Permit {
    /** Closed: go. */
    GRANTED,
    /** Half-open: go as its only probe; the outcome decides the breaker's state. */
    PROBE,
    /** Open, or half-open with its probe under way: skip the target. */
    DENIED,
    /** Not asked: the route's own target, tried because every candidate was open. */
    BYPASS
}
