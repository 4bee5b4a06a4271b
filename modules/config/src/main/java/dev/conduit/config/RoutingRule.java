package dev.conduit.config;

import java.util.List;

/**
 * One entry of {@code Router.rules}: when every condition holds, requests go to {@code target}.
 *
 * @param name how explanations, logs, metrics and {@code Router.fallback} refer to the rule
 */
public record RoutingRule(String name, List<RuleCondition> conditions, Route target) {

    public RoutingRule {
        conditions = List.copyOf(conditions);
    }
}
