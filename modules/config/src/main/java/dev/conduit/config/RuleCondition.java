package dev.conduit.config;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * One condition of a routing rule's {@code when}. A rule applies when all of its conditions hold.
 */
public sealed interface RuleCondition {

    /** The condition as people read it: {@code model matches /^claude-/}, {@code tokens 1000..50000}. */
    String describe();

    /** {@code "model"}: the model field as the client sent it. */
    record Model(TextMatch match) implements RuleCondition {
        @Override
        public String describe() {
            return "model " + match;
        }
    }

    /**
     * {@code "tokens": {"min": …, "max": …}}: the request's input tokens, bounds included;
     * {@code max} is {@link Long#MAX_VALUE} when not written.
     */
    record Tokens(long min, long max) implements RuleCondition {
        @Override
        public String describe() {
            return "tokens " + min + ".." + (max == Long.MAX_VALUE ? "" : max);
        }
    }

    /** {@code "thinking"}: whether the client asked for thinking (enabled or adaptive). */
    record Thinking(boolean on) implements RuleCondition {
        @Override
        public String describe() {
            return "thinking " + (on ? "on" : "off");
        }
    }

    /** {@code "tools"}: some tool's name or type matches. */
    record Tool(TextMatch match) implements RuleCondition {
        @Override
        public String describe() {
            return "tools " + match;
        }
    }

    /** {@code "headers": {"name": …}}: the request header (by lower-case name) is present and matches. */
    record Header(String name, TextMatch match) implements RuleCondition {
        @Override
        public String describe() {
            return "header " + name + " " + match;
        }
    }

    /** {@code "user_id"}: {@code metadata.user_id} is present and matches. */
    record UserId(TextMatch match) implements RuleCondition {
        @Override
        public String describe() {
            return "user_id " + match;
        }
    }

    /** {@code "format"}: the API the request arrived in is one of these. */
    record Format(Set<InboundApi> apis) implements RuleCondition {
        public Format {
            apis = Set.copyOf(apis);
        }

        @Override
        public String describe() {
            return "format " + apis.stream().map(InboundApi::label).sorted().collect(Collectors.joining(" or "));
        }
    }
}
