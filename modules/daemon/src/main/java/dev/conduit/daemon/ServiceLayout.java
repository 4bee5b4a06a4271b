package dev.conduit.daemon;

/**
 * Where an installed service's parts live.
 *
 * @param image the runtime image ({@code bin/conduit}, {@code daemon/}); {@code /opt/conduit}
 * @param config the config file; {@code /etc/conduit/config.json}
 * @param logs the log folder; {@code /var/log/conduit}
 * @param state the service's {@code CONDUIT_HOME} (run directory, pid files); {@code /var/lib/conduit}
 * @param user the account the service runs as
 */
public record ServiceLayout(String image, String config, String logs, String state, String user) {

    /** The service's name: the systemd unit {@code conduit.service}, the Windows service {@code Conduit}. */
    public static final String NAME = "conduit";
    public static final String DEFAULT_USER = "conduit";
    /** The Windows account of a service without {@code --user}: no password, no rights beyond its own. */
    public static final String WINDOWS_DEFAULT_USER = "NT Authority\\LocalService";

    public ServiceLayout {
        for (String part : new String[] {image, config, logs, state, user}) {
            if (part.isBlank() || part.chars().anyMatch(c -> c < ' ' || c == '"' || c == '%' || c == '\'')) {
                throw new IllegalArgumentException("not a usable service path or user: '" + part + "'");
            }
        }
    }

    /** The Unix system layout. */
    public static ServiceLayout unix(String user) {
        return new ServiceLayout("/opt/conduit", "/etc/conduit/config.json", "/var/log/conduit", "/var/lib/conduit",
                user);
    }

    /** The Windows layout, as {@code daemon/install-service.ps1} and {@code .bat} default it. */
    public static ServiceLayout windows(String user) {
        return new ServiceLayout("C:\\Program Files\\Conduit", "C:\\ProgramData\\Conduit\\config.json",
                "C:\\ProgramData\\Conduit\\logs", "C:\\ProgramData\\Conduit", user);
    }
}
