package dev.conduit.routing;

import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import dev.conduit.config.TextMatch;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Tool;
import java.util.Optional;

/**
 * Whether a routing rule applies to a request. Conditions are checked in the order written, except
 * that token ranges come last: a rule whose other conditions fail never has tokens counted.
 */
final class RuleCheck {

    private static final int SHOWN_CHARS = 80;

    private RuleCheck() {}

    /** Empty when every condition holds; else why the first that fails does not. */
    static Optional<String> failure(RoutingRule rule, RouteRequest request, TokenGauge tokens) {
        for (RuleCondition condition : rule.conditions()) {
            if (!(condition instanceof RuleCondition.Tokens)) {
                Optional<String> failure = failure(condition, request);
                if (failure.isPresent()) {
                    return failure;
                }
            }
        }
        for (RuleCondition condition : rule.conditions()) {
            if (condition instanceof RuleCondition.Tokens range && !within(range, tokens)) {
                return Optional.of("tokens: " + tokens.describe() + ", not within " + range(range));
            }
        }
        return Optional.empty();
    }

    /** Whether the rule needs the token count at all. */
    static boolean countsTokens(RoutingRule rule) {
        return rule.conditions().stream().anyMatch(RuleCondition.Tokens.class::isInstance);
    }

    private static Optional<String> failure(RuleCondition condition, RouteRequest request) {
        MessagesRequest message = request.message();
        return switch (condition) {
            case RuleCondition.Model model -> text("model", message.model(), model.match());
            case RuleCondition.Thinking thinking -> {
                boolean on = message.thinking() != null && message.thinking().isOn();
                yield on == thinking.on() ? Optional.empty()
                        : Optional.of("thinking is " + (on ? "on" : "off") + ", the rule wants it " + (thinking.on() ? "on" : "off"));
            }
            case RuleCondition.Tool tool -> {
                for (Tool offered : message.tools()) {
                    if (tool.match().matches(offered.name()) || (offered.type() != null && tool.match().matches(offered.type()))) {
                        yield Optional.empty();
                    }
                }
                yield Optional.of("tools: no tool's name or type " + tool.match());
            }
            case RuleCondition.Header header -> text("header " + header.name(), request.headers().get(header.name()),
                    header.match());
            case RuleCondition.UserId userId -> text("metadata.user_id", message.userId(), userId.match());
            case RuleCondition.Format format -> format.apis().contains(request.api()) ? Optional.empty()
                    : Optional.of("format: the request came in as " + request.api().label());
            case RuleCondition.Tokens range -> Optional.empty();
        };
    }

    private static Optional<String> text(String what, String value, TextMatch match) {
        if (value == null) {
            return Optional.of(what + " is absent");
        }
        return match.matches(value) ? Optional.empty()
                : Optional.of(what + " \"" + abbreviate(value) + "\" fails " + match);
    }

    private static boolean within(RuleCondition.Tokens range, TokenGauge tokens) {
        return (range.min() == 0 || tokens.above(range.min() - 1))
                && (range.max() == Long.MAX_VALUE || !tokens.above(range.max()));
    }

    private static String range(RuleCondition.Tokens range) {
        return range.min() + ".." + (range.max() == Long.MAX_VALUE ? "" : range.max());
    }

    private static String abbreviate(String value) {
        return value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "…";
    }
}
