package dev.conduit.routing;

import dev.conduit.config.Secret;
import java.util.List;
import java.util.Optional;

/**
 * A provider's API keys, handed out in turn. A key that got a 401 or a 429 sits out its cooldown;
 * when every key is benched, the one free soonest is used anyway, since the provider must still
 * be tried.
 */
final class KeyRing {

    private final List<Secret> keys;
    private final long[] benchedUntilMillis;
    private int next;

    KeyRing(List<Secret> keys) {
        this.keys = List.copyOf(keys);
        this.benchedUntilMillis = new long[keys.size()];
    }

    synchronized Optional<Secret> take(long nowMillis) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        int soonest = next;
        for (int i = 0; i < keys.size(); i++) {
            int index = (next + i) % keys.size();
            if (benchedUntilMillis[index] <= nowMillis) {
                next = (index + 1) % keys.size();
                return Optional.of(keys.get(index));
            }
            if (benchedUntilMillis[index] < benchedUntilMillis[soonest]) {
                soonest = index;
            }
        }
        next = (soonest + 1) % keys.size();
        return Optional.of(keys.get(soonest));
    }

    synchronized void bench(Secret key, long untilMillis) {
        int index = keys.indexOf(key);
        if (index >= 0) {
            benchedUntilMillis[index] = Math.max(benchedUntilMillis[index], untilMillis);
        }
    }

    /** Whether a key other than {@code key} is free now. */
    synchronized boolean hasFreeKeyBesides(Secret key, long nowMillis) {
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).equals(key) && benchedUntilMillis[i] <= nowMillis) {
                return true;
            }
        }
        return false;
    }
}
