package dev.conduit.routing;

import dev.conduit.config.RouteTarget;

/** Where a request goes and why. */
public record RouteDecision(RouteTarget target, Scenario scenario) {}
