package dev.conduit.config;

import java.nio.file.Path;
import java.util.Map;

/** The folder Conduit keeps its state in: {@code $CONDUIT_HOME}, else {@code ~/.conduit}. */
public final class ConduitHome {

    private ConduitHome() {}

    public static Path resolve(Map<String, String> environment, Path userHome) {
        String configured = environment.get("CONDUIT_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return userHome.resolve(".conduit");
    }

    /** The home of this process's user and environment. */
    public static Path current() {
        return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
