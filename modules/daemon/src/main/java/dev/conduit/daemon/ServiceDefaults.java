package dev.conduit.daemon;

/**
 * {@code /etc/default/conduit} ({@code daemon/conduit.default} is its rendering for the system
 * layout): the service's settings, read by {@code conduitd} and by the systemd unit. Every line is
 * commented out, so the values shown are the defaults in force.
 */
public final class ServiceDefaults {

    public static final String PATH = "/etc/default/conduit";

    private ServiceDefaults() {}

    public static String render(ServiceLayout layout) {
        return """
                # /etc/default/conduit: settings of the Conduit service, read by conduitd (and by the systemd
                # unit as an EnvironmentFile). The environment overrides them when conduitd is run by hand.
                # Lines are NAME=value, without shell expansion (systemd reads this file too).

                # The runtime image, the service's home (run/ and logs/) and the config file
                #CONDUIT_IMAGE=%s
                #CONDUIT_HOME=%s
                #CONDUIT_CONFIG=%s

                # The user the service runs as when conduitd is started by root (systemd: the unit's User=)
                #CONDUIT_USER=%s

                # More arguments of conduit start: --host, --port, --max-worker-rss SIZE, --max-worker-heap SIZE
                #CONDUIT_ARGS=--max-worker-rss 1g

                # The jsvc binary, and the options of the service's JVM, the supervisor's (the workers take
                # CONDUIT_JAVA_OPTS)
                #JSVC=/usr/bin/jsvc
                #JAVA_OPTS=-Xms4m -Xmx24m -XX:+UseSerialGC -Xss256k -Xint -XX:+ExitOnOutOfMemoryError
                """.formatted(layout.image(), layout.state(), layout.config(), layout.user());
    }
}
