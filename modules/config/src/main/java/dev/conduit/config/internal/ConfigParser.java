package dev.conduit.config.internal;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.FailoverSettings;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.Secret;
import dev.conduit.config.SecuritySettings;
import dev.conduit.config.TokenPrice;
import dev.conduit.config.UpstreamTimeouts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Turns the text of a claude-code-router style {@code config.json} into a validated
 * {@link ConduitConfig}: JSON5 syntax, {@code $VAR} interpolation, then every key checked. All
 * problems are reported at once, in the order they appear in the file.
 */
public final class ConfigParser {

    private static final Set<String> LOG_LEVELS = Set.of("fatal", "error", "warn", "info", "debug", "trace");
    private static final String DOCS = "see docs/CONFIG.md";

    private final Interpolator interpolator;

    public ConfigParser(Map<String, String> environment) {
        this.interpolator = new Interpolator(environment);
    }

    public ConduitConfig parse(String text, Path file, ConfigSource source) throws ConfigException {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        JsonNode written = readTree(content, file);
        if (written.isMissingNode()) {
            throw new ConfigException(file + ": the file is empty; a config is a JSON object, at least {}");
        }
        FindingWriter writer = new FindingWriter(file, content);
        if (!written.isObject()) {
            Finding notObject = new Finding(JsonPath.ROOT,
                    "a config is a JSON object like {\"Providers\": [...]}, not " + Values.kind(written));
            throw new ConfigException(writer.inDocumentOrder(List.of(notObject)).getFirst());
        }
        Findings findings = new Findings();
        Interpolator.Interpolation interpolation = interpolator.interpolate(written);
        interpolation.unset().forEach(unset -> findings.warning(unset.path(),
                "$" + unset.variable() + " is not set in the environment, so it stays as written"));
        Values values = new Values(findings, interpolation.written());
        ConduitConfig config = read(interpolation.tree(), values, findings, source, writer);
        if (findings.errorCount() > 0) {
            throw new ConfigException(String.join("\n", writer.inDocumentOrder(findings.errors())));
        }
        return config;
    }

    /**
     * Reads only the {@code Router} of a file, its targets checked against {@code providers}; empty
     * when the file has none.
     */
    public Optional<RouterConfig> parseRouter(String text, Path file, List<ProviderConfig> providers)
            throws ConfigException {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        JsonNode written = readTree(content, file);
        if (!written.isObject() || Values.absent(written.get("Router"))) {
            return Optional.empty();
        }
        FindingWriter writer = new FindingWriter(file, content);
        Findings findings = new Findings();
        Interpolator.Interpolation interpolation = interpolator.interpolate(written);
        Values values = new Values(findings, interpolation.written());
        List<String> names = providers.stream().map(ProviderConfig::name).toList();
        RouterConfig router = new RouterSection(values, findings, new ProvidersSection.Providers(providers, names, names))
                .read(interpolation.tree().get("Router"), JsonPath.ROOT.key("Router"));
        if (findings.errorCount() > 0) {
            throw new ConfigException(String.join("\n", writer.inDocumentOrder(findings.errors())));
        }
        return Optional.of(router);
    }

    private static JsonNode readTree(String content, Path file) throws ConfigException {
        try {
            return Json5.mapper().readTree(content);
        } catch (JacksonException syntax) {
            TokenStreamLocation location = syntax.getLocation();
            String where = location != null && location.getLineNr() > 0
                    ? file + ":" + location.getLineNr() + ":" + location.getColumnNr()
                    : file.toString();
            throw new ConfigException(where + ": " + SyntaxErrors.describe(syntax));
        }
    }

    /** Reads every key; the result is only meaningful when no error was found. */
    private static ConduitConfig read(JsonNode root, Values values, Findings findings, ConfigSource source,
            FindingWriter writer) {
        JsonPath top = JsonPath.ROOT;
        UpstreamTimeouts defaults = UpstreamTimeouts.DEFAULTS;
        UpstreamTimeouts timeouts = new UpstreamTimeouts(
                millis(root, "CONNECT_TIMEOUT_MS", defaults.connect(), values),
                millis(root, "FIRST_BYTE_TIMEOUT_MS", defaults.firstByte(), values),
                millis(root, "STREAM_IDLE_TIMEOUT_MS", defaults.streamIdle(), values),
                millis(root, "API_TIMEOUT_MS", ConduitConfig.DEFAULT_API_TIMEOUT, values));
        String providersKey = !root.has("Providers") && root.has("providers") ? "providers" : "Providers";
        JsonNode plugins = root.get("transformers");
        boolean pluginsConfigured = plugins != null && plugins.isArray() && !plugins.isEmpty();
        ProvidersSection.Providers providers = new ProvidersSection(values, findings, timeouts, pluginsConfigured)
                .read(root.get(providersKey), top.key(providersKey));
        RouterConfig router = new RouterSection(values, findings, providers).read(root.get("Router"), top.key("Router"));
        FailoverSettings failover = new FailoverSection(values, findings).read(root.get("Router"), top.key("Router"));
        warnAboutJavaScript(root, values, findings);
        warnIfNoDefaultRoute(providers.valid(), router, findings);

        Optional<Secret> apiKey = values.text(root.get("APIKEY"), top.key("APIKEY")).map(Secret::new);
        String host = values.text(root.get("HOST"), top.key("HOST")).orElse(ConduitConfig.DEFAULT_HOST);
        int port = (int) values.wholeNumber(root.get("PORT"), top.key("PORT"), 0, 65_535,
                "a port number from 0 to 65535").orElse(ConduitConfig.DEFAULT_PORT);
        boolean log = values.flag(root.get("LOG"), top.key("LOG")).orElse(false);
        String logLevel = logLevel(root.get("LOG_LEVEL"), top.key("LOG_LEVEL"), values, findings);
        Optional<String> proxyUrl = values.httpUrl(root.get("PROXY_URL"), top.key("PROXY_URL"),
                "http://127.0.0.1:7890").map(URI::toString);
        boolean nonInteractive = values.flag(root.get("NON_INTERACTIVE_MODE"), top.key("NON_INTERACTIVE_MODE"))
                .orElse(false);
        Duration drain = millis(root, "DRAIN_TIMEOUT_MS", ConduitConfig.DEFAULT_DRAIN_TIMEOUT, values);
        Duration ping = millis(root, "PING_INTERVAL_MS", ConduitConfig.DEFAULT_PING_INTERVAL, values);
        Map<RouteTarget, TokenPrice> prices = new PricesSection(values, findings, providers)
                .read(root.get("Prices"), top.key("Prices"));
        boolean adminNeedsApiKey = values.flag(root.get("ADMIN_REQUIRES_APIKEY"), top.key("ADMIN_REQUIRES_APIKEY"))
                .orElse(true);
        SecuritySettings security = new SecuritySection(values, findings).read(root, providersKey);
        return new ConduitConfig(providers.valid(), router, apiKey, host, port, log, logLevel, timeouts.total(), proxyUrl,
                nonInteractive, source, writer.inDocumentOrder(findings.warnings()), timeouts, drain, ping, prices,
                adminNeedsApiKey, failover, security);
    }

    private static Duration millis(JsonNode root, String key, Duration absent, Values values) {
        return values.millis(root.get(key), JsonPath.ROOT.key(key), absent);
    }

    private static String logLevel(JsonNode node, JsonPath path, Values values, Findings findings) {
        Optional<String> level = values.text(node, path).map(text -> text.toLowerCase(Locale.ROOT));
        if (level.isPresent() && !LOG_LEVELS.contains(level.get())) {
            findings.error(path, values.quote(path, node.stringValue().strip())
                    + " is not a log level; use one of fatal, error, warn, info, debug, trace");
            return "info";
        }
        return level.orElse("info");
    }

    private static void warnAboutJavaScript(JsonNode root, Values values, Findings findings) {
        JsonPath customRouter = JsonPath.ROOT.key("CUSTOM_ROUTER_PATH");
        if (values.text(root.get("CUSTOM_ROUTER_PATH"), customRouter).isPresent()) {
            findings.warning(customRouter, "JavaScript routers cannot run in Conduit, so this one is ignored;"
                    + " write its logic as Router.rules instead (" + DOCS + ")");
        }
        JsonNode transformers = root.get("transformers");
        if (transformers != null && transformers.isArray() && !transformers.isEmpty()) {
            findings.warning(JsonPath.ROOT.key("transformers"), "custom JavaScript transformer plugins cannot run"
                    + " in Conduit, so these are ignored; only the built-in transformers apply (" + DOCS + ")");
        }
    }

    private static void warnIfNoDefaultRoute(List<ProviderConfig> providers, RouterConfig router, Findings findings) {
        if (!providers.isEmpty() && router.defaultRoute().isEmpty()) {
            findings.warning(JsonPath.ROOT.key("Router").key("default"), "not set, so requests that no other"
                    + " route takes have nowhere to go; write \"provider,model\"");
        }
    }
}
