package dev.conduit.routing;

import java.util.List;

/**
 * Why a request went where it did: each route considered, in order of precedence, whether it
 * applied, and why. Routes after the one that matched are not considered.
 */
public record Explanation(List<Step> steps) {

    /** What a decision made without explaining carries. */
    public static final Explanation NONE = new Explanation(List.of());

    public Explanation {
        steps = List.copyOf(steps);
    }

    /** @param route a scenario's name ({@code think}) or {@code rule "name"} */
    public record Step(String route, Verdict verdict, String reason) {}

    public enum Verdict {
        /** the route applies and serves the request */
        MATCHED("yes"),
        /** the route is set, but the request is not of its kind */
        NOT_MATCHED("no"),
        /** the route is not set, so it is not considered */
        SKIPPED("skipped");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One line per step: {@code think: yes, thinking is adaptive}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            text.append(step.route()).append(": ").append(step.verdict().label()).append(", ").append(step.reason())
                    .append('\n');
        }
        return text.toString();
    }
}
