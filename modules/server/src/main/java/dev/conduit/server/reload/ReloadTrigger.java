package dev.conduit.server.reload;

/** What asked for a config reload. */
public enum ReloadTrigger {
    /** the watcher saw the config file change */
    FILE_CHANGE("the config file changed"),
    /** {@code conduit reload}, through {@code POST /admin/reload} */
    ADMIN_ENDPOINT("conduit reload"),
    /** the {@code reload()} operation of {@code dev.conduit:type=Gateway} or {@code type=Routing} ({@code conduit reload}) */
    JMX("JMX reload()"),
    /** the service's reload signal (SIGUSR2 to jsvc, systemctl reload), passed on by the supervisor */
    SUPERVISOR("the service's reload signal");

    private final String label;

    ReloadTrigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
