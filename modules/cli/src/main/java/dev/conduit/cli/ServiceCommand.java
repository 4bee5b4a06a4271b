package dev.conduit.cli;

import dev.conduit.daemon.ServiceLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code conduit service install | uninstall | status}: the operating system's service for
 * Conduit, a systemd unit on Linux ({@link SystemdService}) and a procrun service on Windows
 * ({@link WindowsService}). It prints each thing it did, and replaces nothing without
 * {@code --force}.
 */
final class ServiceCommand {

    static final String USAGE = """
            conduit service install|uninstall|status [options]
              install    writes the service: on Linux the systemd unit /etc/systemd/system/conduit.service
                         (and /etc/default/conduit when there is none); on Windows the procrun service
                         Conduit (prunsrv //IS, then sc.exe failure for the recovery actions)
              uninstall  removes the service (the settings in /etc/default/conduit stay)
              status     whether the service is installed, and whether it runs
            Options:
              --user NAME        the account the service runs as (default: conduit; Windows: LocalService)
              --force            install over an existing service
              --root DIR         write under DIR instead of / (to prepare a package or a container image)
              --platform P       systemd or windows (default: this machine's)
              --dry-run          print what would be done, do nothing
            Layout: image /opt/conduit, config /etc/conduit/config.json, logs /var/log/conduit,
              state (CONDUIT_HOME) /var/lib/conduit; docs/OPERATIONS.md, "Running as a service"
              exit: 0 done (status: installed); 1 failed or refused; 2 bad options; 3 status: not installed""";

    private ServiceCommand() {}

    /** What the command was asked to do. */
    record Request(String action, String user, boolean force, Path root, String platform, boolean dryRun) {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("conduit service: " + e.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        return switch (request.platform()) {
            case "systemd" -> new SystemdService(request, out, err).run();
            default -> new WindowsService(request, out, err).run();
        };
    }

    static Request parse(String[] args) {
        if (args.length == 0 || !List.of("install", "uninstall", "status").contains(args[0])) {
            throw new IllegalArgumentException("name what to do: install, uninstall or status");
        }
        String user = null;
        boolean force = false;
        boolean dryRun = false;
        Path root = Path.of("/");
        String platform = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "windows" : "systemd";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = value(args, ++i, "--user");
                case "--force" -> force = true;
                case "--dry-run" -> dryRun = true;
                case "--root" -> root = Path.of(value(args, ++i, "--root")).toAbsolutePath();
                case "--platform" -> {
                    platform = value(args, ++i, "--platform");
                    if (!platform.equals("systemd") && !platform.equals("windows")) {
                        throw new IllegalArgumentException("--platform is systemd or windows, not " + platform);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String account = user != null ? user
                : platform.equals("windows") ? ServiceLayout.WINDOWS_DEFAULT_USER : ServiceLayout.DEFAULT_USER;
        if (!account.matches("[A-Za-z0-9_][A-Za-z0-9_.\\\\ -]*")) {
            throw new IllegalArgumentException("--user must be an account name, not \"" + account + "\"");
        }
        return new Request(args[0], account, force, root, platform, dryRun);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
