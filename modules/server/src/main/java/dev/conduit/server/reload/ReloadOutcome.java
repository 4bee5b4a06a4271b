package dev.conduit.server.reload;

import java.time.Instant;
import java.util.List;

/**
 * What one config reload did: applied (new requests use the new config) or rejected (the config in
 * force keeps serving). The message never holds a secret: a rejection says where the config is
 * wrong, as {@code conduit run} would.
 *
 * @param message for an applied reload, what is in force now; for a rejected one, why
 * @param needsRestart settings the file changed that take effect only when the worker restarts
 *     ({@code HOST}, {@code PORT}, …); the running values stay until then
 */
public record ReloadOutcome(boolean applied, ReloadTrigger trigger, Instant at, String message, List<String> needsRestart) {

    public ReloadOutcome {
        needsRestart = List.copyOf(needsRestart);
    }

    public static ReloadOutcome applied(ReloadTrigger trigger, Instant at, String message, List<String> needsRestart) {
        return new ReloadOutcome(true, trigger, at, message, needsRestart);
    }

    public static ReloadOutcome rejected(ReloadTrigger trigger, Instant at, String reason) {
        return new ReloadOutcome(false, trigger, at, reason, List.of());
    }

    /** {@code applied} or {@code rejected}, as pages and the CLI show it. */
    public String status() {
        return applied ? "applied" : "rejected";
    }

    /**
     * One line for people: {@code rejected (the config file changed): /home/me/.conduit/config.json:3:5: …},
     * {@code applied (conduit reload): 2 providers; needs a restart: PORT}.
     */
    public String summary() {
        String restart = needsRestart.isEmpty() ? "" : "; needs a restart: " + String.join(", ", needsRestart);
        return status() + " (" + trigger.label() + "): " + message + restart;
    }
}
