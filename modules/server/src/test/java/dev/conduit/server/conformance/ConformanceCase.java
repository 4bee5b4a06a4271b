package dev.conduit.server.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One conformance case: a file {@code conformance/<client>-to-<provider>/<case>.json5} on the test
 * class path. See {@code docs/CONFORMANCE.md} for the members; in short {@code client},
 * {@code provider}, {@code request}, {@code upstream}, {@code expectUpstream}, {@code expect} and,
 * for a case that shows a bug not yet fixed, {@code knownBug}.
 */
record ConformanceCase(String mapping, String name, JsonNode root) {

    /** JSON5 as far as Jackson reads it: comments, trailing commas, unquoted names, single quotes. */
    static final JsonMapper JSON5 = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    static final Set<String> CLIENTS = Set.of("anthropic", "openai");
    static final Set<String> PROVIDERS = Set.of("openai", "gemini", "anthropic");
    private static final Set<String> MEMBERS = Set.of("description", "client", "provider", "request", "upstream",
            "expectUpstream", "expect", "knownBug", "see");

    String id() {
        return mapping + "/" + name;
    }

    String client() {
        return root.path("client").asString();
    }

    String provider() {
        return root.path("provider").asString();
    }

    String description() {
        return root.path("description").asString("");
    }

    /** What is wrong in Conduit, for a case that shows a bug not yet fixed; null otherwise. */
    String knownBug() {
        return root.path("knownBug").asString(null);
    }

    /** Every case under {@code conformance/} on the test class path, by mapping and name. */
    static List<ConformanceCase> all() {
        URL root = ConformanceCase.class.getClassLoader().getResource("conformance");
        if (root == null) {
            throw new IllegalStateException("no conformance/ directory on the test class path");
        }
        Path directory;
        try {
            directory = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".json5") || file.toString().endsWith(".json"))
                    .sorted()
                    .map(file -> load(directory, file))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConformanceCase load(Path directory, Path file) {
        Path relative = directory.relativize(file);
        if (relative.getNameCount() != 2) {
            throw new IllegalStateException(relative + ": cases live in conformance/<client>-to-<provider>/");
        }
        String mapping = relative.getName(0).toString();
        String name = relative.getName(1).toString().replaceFirst("\\.json5?$", "");
        JsonNode root;
        try {
            root = JSON5.readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException(relative + ": " + e.getMessage(), e);
        }
        ConformanceCase c = new ConformanceCase(mapping, name, root);
        c.validate();
        return c;
    }

    /** A case whose file says something else than its folder, or uses an unknown member, is refused. */
    private void validate() {
        for (String member : root.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                throw new IllegalStateException(id() + ": unknown member \"" + member + "\"");
            }
        }
        if (!CLIENTS.contains(client()) || !PROVIDERS.contains(provider())) {
            throw new IllegalStateException(id() + ": client must be one of " + CLIENTS + " and provider one of "
                    + PROVIDERS + ", got " + client() + " and " + provider());
        }
        if (!mapping.equals(client() + "-to-" + provider())) {
            throw new IllegalStateException(id() + ": a " + client() + "-to-" + provider() + " case in folder " + mapping);
        }
        if (!root.has("request") || !root.has("expect")) {
            throw new IllegalStateException(id() + ": request and expect are required");
        }
    }
}
