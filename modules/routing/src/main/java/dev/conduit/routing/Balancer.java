package dev.conduit.routing;

import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Orders a route's targets for one request: the first is tried first, the others are next in line
 * if it fails. Weighted routes draw at random by weight (without putting back); least-latency
 * routes try each target once, then rank by the moving average of time to first byte, except
 * that now and then ({@link #EXPLORATION}) another target goes first, so one that was slow and
 * has recovered gets traffic again.
 */
final class Balancer {

    static final double EXPLORATION = 0.1;

    private final RandomGenerator random;
    private final Function<RouteTarget, TargetCounters> counters;

    Balancer(RandomGenerator random, Function<RouteTarget, TargetCounters> counters) {
        this.random = random;
        this.counters = counters;
    }

    List<RouteTarget> order(Route route) {
        return switch (route) {
            case Route.Single single -> List.of(single.target());
            case Route.Balanced balanced -> switch (balanced.strategy()) {
                case WEIGHTED -> weighted(balanced.targets(), balanced.weights());
                case LEAST_LATENCY -> fastestFirst(balanced.targets());
            };
        };
    }

    private List<RouteTarget> weighted(List<RouteTarget> targets, List<Integer> weights) {
        List<RouteTarget> left = new ArrayList<>(targets);
        List<Integer> leftWeights = new ArrayList<>(weights);
        List<RouteTarget> order = new ArrayList<>(targets.size());
        while (!left.isEmpty()) {
            long total = leftWeights.stream().mapToLong(Integer::longValue).sum();
            long draw = random.nextLong(total);
            int chosen = 0;
            while (draw >= leftWeights.get(chosen)) {
                draw -= leftWeights.get(chosen);
                chosen++;
            }
            order.add(left.remove(chosen));
            leftWeights.remove(chosen);
        }
        return order;
    }

    private List<RouteTarget> fastestFirst(List<RouteTarget> targets) {
        List<RouteTarget> order = new ArrayList<>(targets);
        for (RouteTarget target : targets) {
            if (counters.apply(target).requests.sum() == 0) {
                order.remove(target);
                order.addFirst(target); // not tried yet: its turn to show its speed
                return order;
            }
        }
        order.sort(Comparator.comparingDouble(target -> latency(counters.apply(target).latencyMillis())));
        if (order.size() > 1 && random.nextDouble() < EXPLORATION) {
            order.addFirst(order.remove(1 + random.nextInt(order.size() - 1)));
        }
        return order;
    }

    /** Targets without a good answer yet rank behind every measured one. */
    private static double latency(OptionalDouble millis) {
        return millis.orElse(Double.MAX_VALUE);
    }
}
