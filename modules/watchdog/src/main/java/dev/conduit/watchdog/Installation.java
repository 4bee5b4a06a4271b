package dev.conduit.watchdog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where this Conduit runs from, and so how to start its other processes from the same code: the
 * runtime image ({@code bin/conduit} and its linked modules), a module path, or a class path (the
 * build's classes, in tests).
 */
public final class Installation {

    /**
     * The supervisor's JVM: a small heap, the serial collector, small stacks, and the interpreter
     * only: its code is never hot, and without the JIT's code cache and compiler threads it needs
     * about 7 MiB less. Out at once on memory exhaustion rather than limping on.
     */
    static final List<String> SUPERVISOR_JVM = List.of("-Xms4m", "-Xmx24m", "-XX:+UseSerialGC", "-Xss256k", "-Xint",
            "-XX:+ExitOnOutOfMemoryError");
    /** The defaults of {@code bin/conduit}, for workers started from a module or class path. */
    private static final List<String> WORKER_JVM = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmn32m");
    private static final String SUPERVISOR_MAIN = "dev.conduit.watchdog.SupervisorMain";
    private static final String WORKER_MAIN = "dev.conduit.server.WorkerMain";

    private final Path javaHome;
    private final String modulePath;
    private final String classPath;
    private final Map<String, String> environment;

    private Installation(Path javaHome, String modulePath, String classPath, Map<String, String> environment) {
        this.javaHome = javaHome;
        this.modulePath = modulePath;
        this.classPath = classPath;
        this.environment = environment;
    }

    /** The installation this JVM runs from. */
    public static Installation current() {
        return new Installation(Path.of(System.getProperty("java.home")), System.getProperty("jdk.module.path"),
                Installation.class.getModule().isNamed() ? null : System.getProperty("java.class.path"),
                System.getenv());
    }

    private Path launcher() {
        return javaHome.resolve("bin").resolve("conduit");
    }

    private boolean image() {
        return modulePath == null && classPath == null && Files.isExecutable(launcher());
    }

    /**
     * A worker supervised through {@code controlSocket}: {@code bin/conduit run} in the image (its
     * JVM options, AOT cache and {@code CONDUIT_JAVA_OPTS} apply), else {@code WorkerMain}.
     *
     * @param successor another worker of this supervisor may still hold the port
     */
    public List<String> worker(List<String> runArgs, Path controlSocket, boolean successor) {
        List<String> command = new ArrayList<>();
        if (image()) {
            command.addAll(List.of(launcher().toString(), "run"));
        } else {
            command.addAll(java(WORKER_JVM, javaOptions("CONDUIT_JAVA_OPTS", "JAVA_OPTS")));
            command.addAll(main("dev.conduit.server", WORKER_MAIN));
        }
        command.addAll(runArgs);
        command.addAll(List.of("--supervised", controlSocket.toString()));
        if (successor) {
            command.add("--successor");
        }
        return command;
    }

    /** The supervisor JVM; {@code CONDUIT_SUPERVISOR_JAVA_OPTS} adds to its options. */
    public List<String> supervisor(List<String> args) {
        List<String> command = new ArrayList<>(java(SUPERVISOR_JVM, javaOptions("CONDUIT_SUPERVISOR_JAVA_OPTS")));
        command.addAll(main("dev.conduit.watchdog", SUPERVISOR_MAIN));
        command.addAll(args);
        return command;
    }

    private List<String> java(List<String> defaults, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(defaults);
        command.addAll(extra);
        return command;
    }

    private List<String> main(String module, String mainClass) {
        if (classPath != null) {
            return List.of("-cp", classPath, mainClass);
        }
        if (modulePath != null) {
            return List.of("--module-path", modulePath, "-m", module + "/" + mainClass);
        }
        return List.of("-m", module + "/" + mainClass);
    }

    private List<String> javaOptions(String... variables) {
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return Arrays.asList(value.strip().split("\\s+"));
            }
        }
        return List.of();
    }
}
