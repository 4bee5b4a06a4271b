package dev.conduit.daemon;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.server.WorkerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * What the service checks in {@code init}, before jsvc reports the start (with {@code -wait}) and
 * while it may still hold a capability: the config loads, the port is free, and the workers will
 * be allowed to listen on it. It does not keep the port: the workers listen themselves, with
 * {@code SO_REUSEPORT} for rolling restarts (docs/ARCHITECTURE.md, "Running as a service").
 */
final class ServicePreflight {

    private ServicePreflight() {}

    /**
     * @param adoptedPort the port of a live worker a dead supervisor left serving (it holds the port), or 0
     * @return the address the workers will listen on, for the log
     */
    static String check(WorkerOptions options, ConfigLoader loader, Optional<PortAccess> access, int adoptedPort)
            throws ServiceStartException {
        ConduitConfig config;
        try {
            config = loader.load(options.config());
        } catch (ConfigException e) {
            throw new ServiceStartException("the config is not valid: " + e.getMessage());
        }
        String host = options.host().orElse(config.host());
        int port = options.port().orElse(config.port());
        String address = host + ":" + port;
        if (access.isPresent() && !access.get().workersMayBind(port)) {
            throw new ServiceStartException("port " + port + " is privileged (below "
                    + access.get().unprivilegedPortStart() + ") and the workers, which run as the service's user,"
                    + " may not bind it: use a port from 1024 up behind a proxy, give the service"
                    + " AmbientCapabilities=CAP_NET_BIND_SERVICE (systemd), or lower"
                    + " net.ipv4.ip_unprivileged_port_start");
        }
        if (port != 0 && port != adoptedPort) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                throw new ServiceStartException("cannot listen on " + address + ": " + e.getMessage());
            }
        }
        return address;
    }
}
