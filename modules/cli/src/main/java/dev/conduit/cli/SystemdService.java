package dev.conduit.cli;

import dev.conduit.daemon.ServiceDefaults;
import dev.conduit.daemon.ServiceLayout;
import dev.conduit.daemon.SystemdUnit;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code conduit service} on Linux: the systemd unit and {@code /etc/default/conduit}. */
final class SystemdService {

    private static final String UNIT_DIR = "etc/systemd/system";
    private static final Pattern USER = Pattern.compile("^User=(.*)$", Pattern.MULTILINE);

    private final ServiceCommand.Request request;
    private final PrintStream out;
    private final PrintStream err;
    private final ServiceLayout layout;

    SystemdService(ServiceCommand.Request request, PrintStream out, PrintStream err) {
        this.request = request;
        this.out = out;
        this.err = err;
        this.layout = ServiceLayout.unix(request.user());
    }

    private Path unit() {
        return request.root().resolve(UNIT_DIR).resolve(SystemdUnit.fileName());
    }

    private Path defaults() {
        return request.root().resolve(ServiceDefaults.PATH.substring(1));
    }

    private String prefix() {
        return request.dryRun() ? "would " : "";
    }

    int run() {
        try {
            return switch (request.action()) {
                case "install" -> install();
                case "uninstall" -> uninstall();
                default -> status();
            };
        } catch (AccessDeniedException e) {
            err.println("conduit service " + request.action() + ": permission denied: " + e.getFile()
                    + " (run it as root, or write under --root DIR)");
            return Main.FAILURE;
        } catch (IOException e) {
            err.println("conduit service " + request.action() + ": " + e.getMessage());
            return Main.FAILURE;
        }
    }

    private int install() throws IOException {
        Path unit = unit();
        boolean exists = Files.exists(unit);
        if (exists && !request.force()) {
            err.println("conduit service install: " + unit + " exists; --force replaces it. Nothing was changed.");
            return Main.FAILURE;
        }
        if (!request.dryRun()) {
            Files.createDirectories(unit.getParent());
            Files.writeString(unit, SystemdUnit.render(layout));
        }
        out.println(prefix() + (exists ? "replace " : "write ") + unit + " (User=" + layout.user() + ")");
        Path defaults = defaults();
        if (Files.exists(defaults)) {
            out.println(prefix() + "keep " + defaults + " (exists)");
        } else {
            if (!request.dryRun()) {
                Files.createDirectories(defaults.getParent());
                Files.writeString(defaults, ServiceDefaults.render(layout));
            }
            out.println(prefix() + "write " + defaults);
        }
        out.println("""
                Next, as root: the user, the config, then the service
                  useradd --system --home-dir %2$s --shell /usr/sbin/nologin %1$s
                  install -D -m 640 -g %1$s config.json %3$s
                  systemctl daemon-reload && systemctl enable --now conduit
                The image must be at %4$s (its daemon/conduitd is the unit's ExecStart), jsvc installed."""
                .formatted(layout.user(), layout.state(), layout.config(), layout.image()));
        return Main.OK;
    }

    private int uninstall() throws IOException {
        Path unit = unit();
        if (!Files.exists(unit)) {
            out.println("no unit at " + unit + ": nothing removed");
            return Main.OK;
        }
        if (!request.dryRun()) {
            Files.delete(unit);
        }
        out.println(prefix() + "remove " + unit);
        if (Files.exists(defaults())) {
            out.println(prefix() + "keep " + defaults() + " (your settings)");
        }
        out.println("Stop it first if it runs: systemctl disable --now conduit; then systemctl daemon-reload");
        return Main.OK;
    }

    private int status() throws IOException {
        Path unit = unit();
        if (!Files.exists(unit)) {
            out.println("not installed: no unit at " + unit);
            return Main.NOT_RUNNING;
        }
        Matcher user = USER.matcher(Files.readString(unit));
        out.println("installed: " + unit + (user.find() ? " (User=" + user.group(1) + ")" : ""));
        RunDirectory run = RunDirectory.of(request.root().resolve(layout.state().substring(1)));
        try {
            RunState state = RunState.inspect(run);
            out.println(state.supervisor().map(record -> "running: supervisor pid " + record.pid()
                    + state.worker().map(worker -> ", worker pid " + worker.pid() + " on port " + worker.port())
                            .orElse(""))
                    .orElse("not running (no supervisor for " + run.home() + ")"));
        } catch (IOException e) {
            out.println("whether it runs: cannot read " + run.run() + " (" + e.getMessage()
                    + "); try systemctl status conduit");
        }
        return Main.OK;
    }
}
