package dev.conduit.watchdog.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals Java has no method for (SIGQUIT for a thread dump): sent with {@code kill}, which every
 * Unix has. SIGTERM and SIGKILL go through {@link ProcessHandle#destroy()} and
 * {@link ProcessHandle#destroyForcibly()}.
 */
final class Signals {

    private Signals() {}

    /** True when {@code kill -<name> <pid>} succeeded. */
    static boolean send(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
