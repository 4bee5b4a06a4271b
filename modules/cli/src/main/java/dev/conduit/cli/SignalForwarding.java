package dev.conduit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Passes SIGINT, SIGTERM and SIGHUP sent to {@code conduit code} on to Claude Code, which decides
 * what they mean, so {@code kill -INT} or a supervisor's SIGTERM reach it as if it ran alone, and
 * {@code conduit code} ends with its status.
 *
 * <p>Ctrl-C in a terminal (and a hang-up) already reaches Claude Code: the terminal signals the
 * whole foreground process group. Passing it on again would make one Ctrl-C count twice, which
 * Claude Code reads as "exit", so SIGINT and SIGHUP are passed on only when this process is not
 * in its terminal's foreground group. SIGTERM comes from {@code kill}, never from the terminal,
 * and is always passed on.
 */
final class SignalForwarding {

    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");

    /** Claude Code, once started; signals that come before are kept for it. */
    private Process process;
    private final List<String> pending = new ArrayList<>();

    private SignalForwarding() {}

    /**
     * Takes the signals over from now on: installed before Claude Code starts, so a signal in
     * between is passed on once it runs rather than ending this JVM and leaving Claude Code behind.
     * On Windows, Ctrl-C is left to Claude Code.
     */
    static SignalForwarding install() {
        SignalForwarding forwarding = new SignalForwarding();
        if (WINDOWS) {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
            return forwarding;
        }
        for (String name : SIGNALS) {
            Signal.handle(new Signal(name), signal -> forwarding.received(name));
        }
        return forwarding;
    }

    /** Passes the signals on to {@code claude} from now on, those that came before first. */
    synchronized void forwardTo(Process claude) {
        process = claude;
        pending.forEach(name -> send(name, claude.pid()));
        pending.clear();
    }

    private synchronized void received(String name) {
        if (!name.equals("TERM") && inTerminalForeground()) {
            return;
        }
        if (process == null) {
            pending.add(name);
        } else {
            send(name, process.pid());
        }
    }

    private static void send(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException cannotSignal) {
            // Claude Code exited meanwhile, or there is no kill command: nothing to pass on to
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether this process is in the foreground process group of a terminal, so the terminal's
     * signals reach Claude Code too. Linux tells in {@code /proc/self/stat} (process group, then
     * the terminal's foreground group); elsewhere a terminal on standard input and output is taken
     * to mean yes.
     */
    static boolean inTerminalForeground() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // after "pid (command) ": state ppid pgrp session tty_nr tpgid …; the command may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return !fields[4].equals("0") && fields[5].equals(fields[2]);
        } catch (IOException | RuntimeException noProc) {
            return ModelCommand.inTerminal();
        }
    }
}
