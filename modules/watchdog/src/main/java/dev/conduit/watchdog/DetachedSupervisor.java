package dev.conduit.watchdog;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Launches the supervisor in the background, detached from the terminal and the command that
 * started it: in a session of its own ({@code setsid}, where there is one), with no input, its
 * console appended to {@code logs/supervisor.out}, working in the Conduit home.
 */
public final class DetachedSupervisor {

    private DetachedSupervisor() {}

    /**
     * Starts the supervisor process; it runs on after this JVM exits.
     *
     * @param environment variables to set beyond this process's own (it inherits those)
     */
    public static Process launch(Installation installation, RunDirectory run, List<String> args,
            Map<String, String> environment) throws IOException {
        run.create();
        List<String> command = new ArrayList<>();
        setsid().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(installation.supervisor(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder
                .directory(run.home().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.supervisorConsole().toFile()))
                .redirectErrorStream(true)
                .start();
    }

    private static Optional<Path> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
