package dev.conduit.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the workers, which run as this process's user and inherit only its ambient
 * capabilities, may listen on a port: Linux lets an unprivileged process bind a port below
 * {@code net.ipv4.ip_unprivileged_port_start} (1024) only with {@code CAP_NET_BIND_SERVICE}.
 * jsvc's own capability lasts through {@code init} only and is not inherited by the workers.
 *
 * @param unprivilegedPortStart the lowest port anyone may bind (0: all)
 */
record PortAccess(boolean root, boolean ambientBindCapability, int unprivilegedPortStart) {

    private static final int CAP_NET_BIND_SERVICE = 10;

    /** This process's, from {@code /proc}; empty where there is no {@code /proc} (not Linux). */
    static Optional<PortAccess> ofThisProcess() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            // by lines: Files.readString gets only the first byte of a sysctl file ("1" of "1024")
            String portStart = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).getFirst();
            return Optional.of(of(status, Integer.parseInt(portStart.strip())));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /** From the lines of {@code /proc/<pid>/status}. */
    static PortAccess of(List<String> status, int unprivilegedPortStart) {
        boolean root = field(status, "Uid:").split("\\s+")[1].equals("0");
        long ambient = Long.parseUnsignedLong(field(status, "CapAmb:"), 16);
        return new PortAccess(root, (ambient & (1L << CAP_NET_BIND_SERVICE)) != 0, unprivilegedPortStart);
    }

    private static String field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> line.substring(name.length()).strip())
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " in the process status"));
    }

    boolean workersMayBind(int port) {
        return port == 0 || port >= unprivilegedPortStart || root || ambientBindCapability;
    }
}
