package dev.conduit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a route ({@code Router.default}, a rule's {@code target}, …) sends requests to: one target,
 * as claude-code-router writes it, or equivalent targets to balance between.
 */
public sealed interface Route {

    /** Every candidate, in the order written; the first is the primary. */
    List<RouteTarget> targets();

    default RouteTarget primary() {
        return targets().getFirst();
    }

    /** {@code "provider,model"}. */
    record Single(RouteTarget target) implements Route {

        @Override
        public List<RouteTarget> targets() {
            return List.of(target);
        }

        @Override
        public String toString() {
            return target.toString();
        }
    }

    /**
     * {@code {"targets": [...], "strategy": ..., "weights": [...]}}: targets that serve the same
     * requests equally well.
     *
     * @param weights one positive weight per target for {@link Strategy#WEIGHTED} (all 1 when not
     *     written); empty for {@link Strategy#LEAST_LATENCY}
     */
    record Balanced(List<RouteTarget> targets, Strategy strategy, List<Integer> weights) implements Route {

        public Balanced {
            targets = List.copyOf(targets);
            weights = List.copyOf(weights);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a balanced route needs targets");
            }
            if (strategy == Strategy.WEIGHTED && weights.size() != targets.size()) {
                throw new IllegalArgumentException("a weighted route needs one weight per target");
            }
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                parts.add(strategy == Strategy.WEIGHTED ? targets.get(i) + " ×" + weights.get(i) : targets.get(i).toString());
            }
            return strategy.label() + ": " + String.join(", ", parts);
        }
    }

    /** How one of a balanced route's targets is chosen for a request. */
    enum Strategy {
        /** at random, each target as often as its weight says */
        WEIGHTED("weighted"),
        /** the target that has answered fastest lately */
        LEAST_LATENCY("least-latency");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        /** The name written in the config. */
        public String label() {
            return label;
        }

        public static Optional<Strategy> of(String label) {
            String wanted = label.strip().toLowerCase(Locale.ROOT);
            for (Strategy strategy : values()) {
                if (strategy.label.equals(wanted)) {
                    return Optional.of(strategy);
                }
            }
            return Optional.empty();
        }
    }
}
