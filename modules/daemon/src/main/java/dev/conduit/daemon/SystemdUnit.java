package dev.conduit.daemon;

import dev.conduit.config.ConduitConfig;
import java.time.Duration;

/**
 * The systemd unit {@code conduit.service} ({@code daemon/conduit.service} is its rendering for the
 * system layout). systemd runs {@code conduitd run}, which execs {@code jsvc -nodetach}, as the
 * service's user; {@code systemctl stop} sends SIGTERM to jsvc alone ({@code KillMode=mixed}: the
 * supervisor drains its workers; they are not signalled behind its back) and waits longer than the
 * drain deadline; {@code systemctl reload} sends jsvc its user signal, SIGUSR2.
 */
public final class SystemdUnit {

    /** The workers' drain deadline plus the supervisor's margin before it kills a worker, and some. */
    static final Duration STOP_TIMEOUT = ConduitConfig.DEFAULT_DRAIN_TIMEOUT.plusSeconds(35);

    private SystemdUnit() {}

    public static String fileName() {
        return ServiceLayout.NAME + ".service";
    }

    public static String render(ServiceLayout layout) {
        String linkLogs = "test -e " + layout.state() + "/logs || ln -s " + layout.logs() + " " + layout.state() + "/logs";
        return """
                # Conduit, the LLM API gateway, as a systemd service (written by conduit service install).
                # jsvc hosts the supervisor (dev.conduit.daemon.ConduitDaemon); the supervisor runs the workers.
                [Unit]
                Description=Conduit LLM API gateway
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=simple
                User=%1$s
                Group=%1$s
                Environment=CONDUIT_HOME=%2$s
                Environment=CONDUIT_CONFIG=%3$s
                Environment=CONDUIT_IMAGE=%4$s
                EnvironmentFile=-/etc/default/conduit
                StateDirectory=%5$s
                LogsDirectory=%5$s
                UMask=0027
                # the supervisor and the workers log to $CONDUIT_HOME/logs: there, it is %6$s
                ExecStartPre=/bin/sh -c '%7$s'
                ExecStart=%4$s/daemon/conduitd run
                ExecReload=/bin/kill -USR2 $MAINPID
                KillMode=mixed
                TimeoutStopSec=%8$d
                Restart=on-failure
                RestartSec=5
                # a port below 1024: uncomment so the workers may bind it (docs/OPERATIONS.md)
                #AmbientCapabilities=CAP_NET_BIND_SERVICE

                [Install]
                WantedBy=multi-user.target
                """.formatted(layout.user(), layout.state(), layout.config(), layout.image(), ServiceLayout.NAME,
                layout.logs(), linkLogs, STOP_TIMEOUT.toSeconds());
    }
}
