package dev.conduit.watchdog.internal;

import java.util.Map;

/**
 * How a worker process ended. Java reports a process killed by signal N as status 128 + N, so
 * those are told apart as signals; a worker the supervisor adopted is not its child, and its
 * status is not known (-1).
 */
public record ExitStatus(int code, String signal) {

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    public static ExitStatus of(int exitValue) {
        if (exitValue > 128 && exitValue < 160) {
            int number = exitValue - 128;
            return new ExitStatus(exitValue, SIGNALS.getOrDefault(number, "signal " + number));
        }
        return new ExitStatus(exitValue, "");
    }

    public static ExitStatus unknown() {
        return new ExitStatus(-1, "");
    }

    public String describe() {
        if (!signal.isEmpty()) {
            return "killed by " + signal;
        }
        return code < 0 ? "exited (status unknown: not a child of this supervisor)" : "exited with status " + code;
    }
}
