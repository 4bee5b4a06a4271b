package dev.conduit.config.internal;

import dev.conduit.config.Route;
import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code Router.rules}, the declarative replacement for claude-code-router's JavaScript
 * custom routers: {@code [{"name": …, "when": {conditions}, "target": route}]}.
 */
final class RulesSection {

    private static final Set<String> RULE_KEYS = Set.of("name", "when", "target");
    /** Route names a rule may not take: they name scenarios in explanations, metrics and fallbacks. */
    private static final List<String> RESERVED = List.of("default", "background", "think", "longcontext", "websearch",
            "image", "explicit", "subagent");
    private static final String CONDITIONS = "model, tokens, thinking, tools, headers, user_id, format";

    private final Values values;
    private final Findings findings;
    private final RouteReader routes;
    private final ConditionReader conditions;

    RulesSection(Values values, Findings findings, RouteReader routes) {
        this.values = values;
        this.findings = findings;
        this.routes = routes;
        this.conditions = new ConditionReader(values, findings);
    }

    List<RoutingRule> read(JsonNode node, JsonPath path) {
        List<RoutingRule> rules = new ArrayList<>();
        if (Values.absent(node)) {
            return rules;
        }
        if (!node.isArray()) {
            findings.error(path, "must be an array of rules like [{\"name\": …, \"when\": {…}, \"target\":"
                    + " \"provider,model\"}], not " + Values.kind(node));
            return rules;
        }
        Map<String, Integer> firstIndexByName = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonPath at = path.index(i);
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                findings.error(at, "must be an object with name, when and target, not " + Values.kind(entry));
                continue;
            }
            int errorsBefore = findings.errorCount();
            for (String key : entry.propertyNames()) {
                if (!RULE_KEYS.contains(key)) {
                    findings.error(at.key(key), "unknown key; a rule has name, when and target");
                }
            }
            Optional<String> name = name(entry.get("name"), at, path, i, firstIndexByName);
            List<RuleCondition> when = when(entry.get("when"), at);
            Optional<Route> target = routes.route(entry.get("target"), at.key("target"));
            if (target.isEmpty() && Values.absent(entry.get("target"))) {
                findings.error(at, "a rule needs a \"target\": \"provider,model\"");
            }
            if (findings.errorCount() == errorsBefore && name.isPresent() && target.isPresent()) {
                rules.add(new RoutingRule(name.get(), when, target.get()));
            }
        }
        return rules;
    }

    private Optional<String> name(JsonNode node, JsonPath rule, JsonPath rules, int index,
            Map<String, Integer> firstIndexByName) {
        JsonPath path = rule.key("name");
        if (Values.absent(node)) {
            findings.error(rule, "a rule needs a \"name\"");
            return Optional.empty();
        }
        Optional<String> name = values.text(node, path);
        if (name.isEmpty()) {
            if (node.isString()) {
                findings.error(path, "must not be empty");
            }
            return Optional.empty();
        }
        String key = name.get().toLowerCase(Locale.ROOT);
        if (RESERVED.contains(key)) {
            findings.error(path, values.quote(path, name.get()) + " names a built-in route; give the rule another name");
            return Optional.empty();
        }
        Integer first = firstIndexByName.putIfAbsent(key, index);
        if (first != null) {
            findings.error(path, values.quote(path, name.get()) + " is the name of " + rules.index(first) + " already");
            return Optional.empty();
        }
        return name;
    }

    private List<RuleCondition> when(JsonNode node, JsonPath rule) {
        JsonPath path = rule.key("when");
        List<RuleCondition> when = new ArrayList<>();
        if (Values.absent(node)) {
            findings.error(rule, "a rule needs \"when\": {conditions} ({} applies to every request)");
            return when;
        }
        if (!node.isObject()) {
            findings.error(path, "must be an object of conditions (" + CONDITIONS + "), not " + Values.kind(node));
            return when;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonPath at = path.key(entry.getKey());
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "model" -> conditions.text(value, at).map(RuleCondition.Model::new).ifPresent(when::add);
                case "tokens" -> conditions.tokens(value, at).ifPresent(when::add);
                case "thinking" -> conditions.thinking(value, at).ifPresent(when::add);
                case "tools" -> conditions.text(value, at).map(RuleCondition.Tool::new).ifPresent(when::add);
                case "headers" -> when.addAll(conditions.headers(value, at));
                case "user_id" -> conditions.text(value, at).map(RuleCondition.UserId::new).ifPresent(when::add);
                case "format" -> conditions.format(value, at).ifPresent(when::add);
                default -> findings.error(at, "unknown condition; use " + CONDITIONS);
            }
        }
        return when;
    }
}
