package dev.conduit.routing;

import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import dev.conduit.config.TextMatch;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Tool;
import java.util.Optional;

/**
 * Whether a routing rule applies to a request. Conditions are checked in the order written, except
 * that token ranges come last: a rule whose other conditions fail never has tokens counted. The
 * reason a rule fails is written only when an explanation asks for it.
 */
final class RuleCheck {

    private static final int SHOWN_CHARS = 80;

    private RuleCheck() {}

    /** The first condition that does not hold, tokens last; empty when every condition holds. */
    static Optional<RuleCondition> failing(RoutingRule rule, RouteRequest request, TokenGauge tokens) {
        for (RuleCondition condition : rule.conditions()) {
            if (!(condition instanceof RuleCondition.Tokens) && !holds(condition, request)) {
                return Optional.of(condition);
            }
        }
        for (RuleCondition condition : rule.conditions()) {
            if (condition instanceof RuleCondition.Tokens range && !within(range, tokens)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    private static boolean holds(RuleCondition condition, RouteRequest request) {
        MessagesRequest message = request.message();
        return switch (condition) {
            case RuleCondition.Model model -> model.match().matches(message.model());
            case RuleCondition.Thinking thinking -> thinkingOn(message) == thinking.on();
            case RuleCondition.Tool tool -> offers(message, tool.match());
            case RuleCondition.Header header -> present(request.headers().get(header.name()), header.match());
            case RuleCondition.UserId userId -> present(message.userId(), userId.match());
            case RuleCondition.Format format -> format.apis().contains(request.api());
            case RuleCondition.Tokens range -> true;
        };
    }

    /** Why {@code condition}, which {@link #failing} returned, does not hold. */
    static String why(RuleCondition condition, RouteRequest request, TokenGauge tokens) {
        MessagesRequest message = request.message();
        return switch (condition) {
            case RuleCondition.Model model -> text("model", message.model(), model.match());
            case RuleCondition.Thinking thinking -> "thinking is " + (thinkingOn(message) ? "on" : "off")
                    + ", the rule wants it " + (thinking.on() ? "on" : "off");
            case RuleCondition.Tool tool -> "tools: no tool's name or type " + tool.match();
            case RuleCondition.Header header -> text("header " + header.name(), request.headers().get(header.name()),
                    header.match());
            case RuleCondition.UserId userId -> text("metadata.user_id", message.userId(), userId.match());
            case RuleCondition.Format format -> "format: the request came in as " + request.api().label();
            case RuleCondition.Tokens range -> "tokens: " + tokens.describe() + ", not within " + range(range);
        };
    }

    private static boolean thinkingOn(MessagesRequest message) {
        return message.thinking() != null && message.thinking().isOn();
    }

    private static boolean offers(MessagesRequest message, TextMatch match) {
        for (Tool offered : message.tools()) {
            if (match.matches(offered.name()) || (offered.type() != null && match.matches(offered.type()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(String value, TextMatch match) {
        return value != null && match.matches(value);
    }

    private static String text(String what, String value, TextMatch match) {
        return value == null ? what + " is absent" : what + " \"" + abbreviate(value) + "\" fails " + match;
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
