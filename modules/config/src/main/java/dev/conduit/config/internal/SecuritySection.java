package dev.conduit.config.internal;

import dev.conduit.config.PrivateAddresses;
import dev.conduit.config.SecuritySettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the keys that guard Conduit: {@code MAX_REQUEST_BODY_BYTES}, {@code MAX_CONNECTIONS},
 * {@code CLIENT_IDLE_TIMEOUT_MS}, {@code ALLOWED_HOSTS}, {@code CORS_ORIGINS} and {@code
 * DENY_PRIVATE_UPSTREAMS}, which also checks every provider URL written with an address.
 */
final class SecuritySection {

    private static final long MIN_BODY_BYTES = 1024;

    private final Values values;
    private final Findings findings;

    SecuritySection(Values values, Findings findings) {
        this.values = values;
        this.findings = findings;
    }

    SecuritySettings read(JsonNode root, String providersKey) {
        SecuritySettings defaults = SecuritySettings.DEFAULTS;
        long maxBody = values.wholeNumber(root.get("MAX_REQUEST_BODY_BYTES"), at("MAX_REQUEST_BODY_BYTES"),
                MIN_BODY_BYTES, Integer.MAX_VALUE - 8L, "a number of bytes from 1024 to 2147483639")
                .orElse(defaults.maxRequestBodyBytes());
        int maxConnections = (int) values.wholeNumber(root.get("MAX_CONNECTIONS"), at("MAX_CONNECTIONS"),
                1, 1_000_000, "a whole number from 1 to 1000000").orElse(defaults.maxConnections());
        Duration idle = values.millis(root.get("CLIENT_IDLE_TIMEOUT_MS"), at("CLIENT_IDLE_TIMEOUT_MS"),
                defaults.clientIdleTimeout());
        List<String> hosts = list(root.get("ALLOWED_HOSTS"), at("ALLOWED_HOSTS"), this::host);
        List<String> origins = list(root.get("CORS_ORIGINS"), at("CORS_ORIGINS"), this::origin);
        boolean denyPrivate = values.flag(root.get("DENY_PRIVATE_UPSTREAMS"), at("DENY_PRIVATE_UPSTREAMS")).orElse(false);
        if (denyPrivate) {
            checkProviderAddresses(root.get(providersKey), at(providersKey));
        }
        return new SecuritySettings(maxBody, maxConnections, idle, hosts, origins, denyPrivate);
    }

    private static JsonPath at(String key) {
        return JsonPath.ROOT.key(key);
    }

    private interface Entry {
        /** The entry as kept, or empty when it is wrong (an error is reported). */
        Optional<String> read(String text, JsonPath path);
    }

    /** An array of strings, or one string with the entries separated by commas (from a {@code $VAR}). */
    private List<String> list(JsonNode node, JsonPath path, Entry entry) {
        List<String> entries = new ArrayList<>();
        if (Values.absent(node)) {
            return entries;
        }
        if (node.isString()) {
            for (String part : node.stringValue().split(",")) {
                if (!part.isBlank()) {
                    entry.read(part.strip(), path).ifPresent(entries::add);
                }
            }
            return entries;
        }
        if (!node.isArray()) {
            findings.error(path, "must be an array of strings, not " + Values.kind(node));
            return entries;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonPath at = path.index(i);
            values.text(node.get(i), at).ifPresent(text -> entry.read(text, at).ifPresent(entries::add));
        }
        return entries;
    }

    private Optional<String> host(String text, JsonPath path) {
        String host = text.toLowerCase(Locale.ROOT);
        if (host.equals(SecuritySettings.ANY)) {
            return Optional.of(host);
        }
        boolean ipv6 = PrivateAddresses.literal(host).filter(address -> address.getAddress().length == 16).isPresent();
        if (host.contains("/") || host.chars().anyMatch(Character::isWhitespace) || host.isEmpty()) {
            findings.error(path, values.quote(path, text)
                    + " is not a host name; write the name only, like conduit.example.com");
            return Optional.empty();
        }
        if (host.contains(":") && !ipv6) {
            findings.error(path, values.quote(path, text) + " has a port; write the host name without it");
            return Optional.empty();
        }
        return Optional.of(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    private Optional<String> origin(String text, JsonPath path) {
        if (text.equals(SecuritySettings.ANY)) {
            return Optional.of(text);
        }
        String problem = values.quote(path, text) + " is not a web origin; write scheme, host and port only,"
                + " like https://app.example.com";
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
                findings.error(path, problem);
                return Optional.empty();
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
        } catch (URISyntaxException notUri) {
            findings.error(path, problem);
            return Optional.empty();
        }
    }

    /**
     * Refuses provider URLs written with a non-public address or {@code localhost}; names are
     * checked again each time they are resolved, when Conduit connects.
     */
    private void checkProviderAddresses(JsonNode providers, JsonPath path) {
        if (providers == null || !providers.isArray()) {
            return;
        }
        for (int i = 0; i < providers.size(); i++) {
            JsonPath at = path.index(i).key("api_base_url");
            JsonNode url = providers.get(i).get("api_base_url");
            if (url == null || !url.isString()) {
                continue;
            }
            String host;
            try {
                host = new URI(url.stringValue().strip()).getHost();
            } catch (URISyntaxException unreadable) {
                continue; // the provider section reports it
            }
            if (host == null) {
                continue;
            }
            Optional<InetAddress> address = PrivateAddresses.literal(host);
            boolean local = host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost");
            if (local || address.filter(PrivateAddresses::isPrivate).isPresent()) {
                findings.error(at, "points to " + host
                        + ", which is not a public address; DENY_PRIVATE_UPSTREAMS forbids that");
            }
        }
    }
}
