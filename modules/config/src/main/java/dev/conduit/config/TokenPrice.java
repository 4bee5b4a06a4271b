package dev.conduit.config;

/** What a model's tokens cost, in US dollars per million tokens, for the estimated-cost metric. */
public record TokenPrice(double input, double output, double cacheRead, double cacheWrite) {}
