package dev.conduit.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Remote JMX as the environment configures it. Off unless {@value #ADDRESS} names an address and
 * port; then a password file ({@value #PASSWORD_FILE}) and TLS ({@value #SSL_CONFIG_FILE}, the JDK's
 * {@code ssl.config.file}: {@code javax.net.ssl.keyStore} and its password) are required, and a
 * worker without them refuses to start. Every user of the password file may read and operate.
 *
 * @param host the address the JMX registry and connector listen on
 */
public record RemoteJmxSettings(String host, int port, Path passwordFile, Path sslConfigFile) {

    public static final String ADDRESS = "CONDUIT_JMX_REMOTE";
    public static final String PASSWORD_FILE = "CONDUIT_JMX_PASSWORD_FILE";
    public static final String SSL_CONFIG_FILE = "CONDUIT_JMX_SSL_CONFIG_FILE";

    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** Remote JMX as {@code variables} configure it; empty when {@value #ADDRESS} is not set. */
    public static Optional<RemoteJmxSettings> from(Map<String, String> variables) throws StartupException {
        String address = variables.getOrDefault(ADDRESS, "").strip();
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = colon > 0 ? port(address.substring(colon + 1)) : -1;
        if (host.isEmpty() || port < 1) {
            throw refused(ADDRESS + " is \"" + address + "\"; it takes address:port, for example 10.0.0.5:9010");
        }
        Path password = requiredFile(variables, PASSWORD_FILE, "authentication");
        ownerOnly(password);
        Path ssl = requiredFile(variables, SSL_CONFIG_FILE, "TLS");
        keyStoreNamedIn(ssl);
        return Optional.of(new RemoteJmxSettings(host, port, password, ssl));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path requiredFile(Map<String, String> variables, String name, String what) throws StartupException {
        String value = variables.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            throw refused(ADDRESS + " is set but " + name + " is not: remote JMX requires " + what);
        }
        return readableFile(value, name);
    }

    private static Path readableFile(String value, String name) throws StartupException {
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw refused(name + " names no readable file");
        }
        return file;
    }

    private static void ownerOnly(Path passwordFile) throws StartupException {
        try {
            if (passwordFile.getFileSystem().supportedFileAttributeViews().contains("posix")
                    && Files.getPosixFilePermissions(passwordFile).stream().anyMatch(SHARED::contains)) {
                throw refused(PASSWORD_FILE + " must be readable by its owner only (chmod 600)");
            }
        } catch (IOException e) {
            throw refused(PASSWORD_FILE + " cannot be checked: " + e.getClass().getSimpleName());
        }
    }

    private static void keyStoreNamedIn(Path sslConfig) throws StartupException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(sslConfig)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw refused(SSL_CONFIG_FILE + " is not a properties file");
        }
        String keyStore = properties.getProperty("javax.net.ssl.keyStore", "").strip();
        if (keyStore.isEmpty() || !Files.isReadable(Path.of(keyStore))) {
            throw refused(SSL_CONFIG_FILE + " must set javax.net.ssl.keyStore to a readable key store (and "
                    + "javax.net.ssl.keyStorePassword): remote JMX requires TLS");
        }
    }

    private static StartupException refused(String reason) {
        return new StartupException("remote JMX refused: " + reason + " (see docs/SECURITY.md)");
    }
}
