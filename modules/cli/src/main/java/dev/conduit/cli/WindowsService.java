package dev.conduit.cli;

import dev.conduit.daemon.ProcrunInstall;
import dev.conduit.daemon.ServiceLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code conduit service} on Windows: the procrun service {@code Conduit}, installed with the
 * commands of {@code daemon/install-service.ps1} ({@link ProcrunInstall}). Elsewhere only
 * {@code --dry-run} works, to see those commands.
 */
final class WindowsService {

    private final ServiceCommand.Request request;
    private final PrintStream out;
    private final PrintStream err;
    private final ServiceLayout layout;

    WindowsService(ServiceCommand.Request request, PrintStream out, PrintStream err) {
        this.request = request;
        this.out = out;
        this.err = err;
        this.layout = ServiceLayout.windows(request.user());
    }

    int run() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        if (!windows && !request.dryRun()) {
            err.println("conduit service " + request.action() + ": a Windows service is managed on Windows;"
                    + " --dry-run shows the commands");
            return Main.FAILURE;
        }
        try {
            return switch (request.action()) {
                case "install" -> install();
                case "uninstall" -> uninstall();
                default -> status();
            };
        } catch (IOException e) {
            err.println("conduit service " + request.action() + ": " + e.getMessage());
            return Main.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
    }

    private int install() throws IOException, InterruptedException {
        if (!request.dryRun() && installed()) {
            if (!request.force()) {
                err.println("conduit service install: the service " + ProcrunInstall.SERVICE
                        + " exists; --force replaces it. Nothing was changed.");
                return Main.FAILURE;
            }
            if (execute(ProcrunInstall.uninstall(layout)) != 0) {
                return Main.FAILURE;
            }
        }
        if (execute(ProcrunInstall.install(layout)) != 0) {
            return Main.FAILURE;
        }
        return execute(ProcrunInstall.recovery()) == 0 ? Main.OK : Main.FAILURE;
    }

    private int uninstall() throws IOException, InterruptedException {
        if (!request.dryRun() && !installed()) {
            out.println("no service " + ProcrunInstall.SERVICE + ": nothing removed");
            return Main.OK;
        }
        return execute(ProcrunInstall.uninstall(layout)) == 0 ? Main.OK : Main.FAILURE;
    }

    private int status() throws IOException, InterruptedException {
        if (request.dryRun()) {
            out.println("would run: sc.exe query " + ProcrunInstall.SERVICE);
            return Main.OK;
        }
        return installed() ? Main.OK : Main.NOT_RUNNING;
    }

    private boolean installed() throws IOException, InterruptedException {
        Process query = new ProcessBuilder("sc.exe", "query", ProcrunInstall.SERVICE).inheritIO().start();
        return query.waitFor() == 0;
    }

    /** Prints the command as cmd.exe would read it, then runs it (unless a dry run). */
    private int execute(List<String> command) throws IOException, InterruptedException {
        String line = command.stream().map(ProcrunInstall::quote).collect(Collectors.joining(" "));
        if (request.dryRun()) {
            out.println("would run: " + line);
            return 0;
        }
        out.println("run: " + line);
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            err.println("conduit service " + request.action() + ": " + command.getFirst() + " failed with status "
                    + status);
        }
        return status;
    }
}
