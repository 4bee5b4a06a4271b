package dev.conduit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes of this machine found by their command line, read whole from {@code /proc} (Linux):
 * {@link ProcessHandle.Info#arguments()} may cut a long command line short, and the worker's long
 * class path in tests would hide the arguments that tell it apart.
 */
public final class LocalProcesses {

    private LocalProcesses() {}

    /** Every running process whose command line contains {@code text}, this JVM excepted. */
    public static List<ProcessHandle> mentioning(String text) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self && commandLine(process.pid()).contains(text))
                .toList();
    }

    /** Kills (SIGCONT first, for a stopped one; then SIGKILL) every process mentioning {@code text}, and waits for each. */
    public static void killAllMentioning(String text) {
        for (ProcessHandle process : mentioning(text)) {
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // SIGKILL ends a stopped process as well
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException goneOrNotLinux) {
            return "";
        }
    }
}
