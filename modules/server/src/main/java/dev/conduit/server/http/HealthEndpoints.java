package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthReport;
import dev.conduit.health.MetricsFormat;
import dev.conduit.health.Monitoring;
import dev.conduit.health.ReadinessReport;
import dev.conduit.health.RuntimeSnapshot;
import dev.conduit.protocol.Json;
import dev.conduit.server.reload.Reloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The probes and the health pages: {@code /alive} (the request path works), {@code /ready}
 * (should get traffic, with the reason when not), {@code /health} (status and named checks),
 * {@code /health/detailed} (everything an operator asks first) and {@code /metrics}. None shows a
 * key or a user's content.
 */
final class HealthEndpoints {

    private static final byte[] ALIVE = "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8);

    private final Monitoring monitoring;
    private final Swappable<Gateway> gateways;
    private final Reloads reloads;
    private final String version;
    private final ConnectionRegistry connections;
    private final DrainCoordinator drain;

    HealthEndpoints(Monitoring monitoring, Swappable<Gateway> gateways, Reloads reloads, String version,
            ConnectionRegistry connections, DrainCoordinator drain) {
        this.monitoring = monitoring;
        this.gateways = gateways;
        this.reloads = reloads;
        this.version = version;
        this.connections = connections;
        this.drain = drain;
    }

    void alive(Response response, Callback callback) {
        Responses.json(response, 200, ALIVE, callback);
    }

    void ready(Response response, Callback callback) {
        ReadinessReport report = monitoring.readiness().report();
        ObjectNode body = Json.NODES.objectNode().put("status", report.ready() ? "ready" : "not_ready");
        if (!report.ready()) {
            body.put("reason", report.reason());
        }
        Responses.json(response, report.ready() ? 200 : 503, Json.MAPPER.writeValueAsBytes(body), callback);
    }

    void health(Response response, Callback callback) {
        HealthReport report = monitoring.health().evaluate();
        ObjectNode body = summary(report);
        Responses.json(response, report.status().httpStatus(), Json.MAPPER.writeValueAsBytes(body), callback);
    }

    void detailed(Response response, Callback callback) {
        HealthReport report = monitoring.health().evaluate();
        ObjectNode body = summary(report);
        ReadinessReport readiness = monitoring.readiness().report();
        body.putObject("readiness").put("ready", readiness.ready()).put("reason", readiness.reason());
        body.set("metrics", Json.MAPPER.valueToTree(monitoring.metrics().summary()));
        body.set("providers", Json.MAPPER.valueToTree(monitoring.providers().snapshot()));
        body.set("connections", Json.MAPPER.valueToTree(connections.snapshot(10)));
        body.set("upstream_pools", Json.MAPPER.valueToTree(gateways.current().providers().pools()));
        body.putObject("drain").put("state", drain.state().name()).put("millis_to_deadline", drain.millisToDeadline());
        body.set("config", configSection());
        body.set("runtime", Json.MAPPER.valueToTree(RuntimeSnapshot.current()));
        Responses.json(response, report.status().httpStatus(), Json.MAPPER.writeValueAsBytes(body), callback);
    }

    void metrics(Request request, Response response, Callback callback) throws IOException {
        MetricsFormat format = monitoring.exposition().negotiate(request.getHeaders().get(HttpHeader.ACCEPT));
        ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
        monitoring.exposition().write(format, text);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, monitoring.exposition().contentType(format));
        response.write(true, ByteBuffer.wrap(text.toByteArray()), callback);
    }

    private ObjectNode summary(HealthReport report) {
        ObjectNode body = Json.NODES.objectNode()
                .put("status", report.status().label())
                .put("reason", report.reason())
                .put("version", version)
                .put("uptime_seconds", RuntimeSnapshot.current().uptime().toSeconds());
        ArrayNode checks = body.putArray("checks");
        for (CheckResult check : report.checks()) {
            checks.addObject().put("name", check.name()).put("status", check.status().label()).put("reason", check.reason());
        }
        return body;
    }

    /** The config in force, and how the last reload went (a rejected one's reason included). */
    private ObjectNode configSection() {
        ConduitConfig config = gateways.current().config();
        ObjectNode section = Json.NODES.objectNode().put("source", config.source().toString());
        ArrayNode providers = section.putArray("providers");
        for (ProviderConfig provider : config.providers()) {
            ObjectNode entry = providers.addObject().put("name", provider.name()).put("host", provider.apiBaseUrl().getHost());
            provider.models().forEach(entry.putArray("models")::add);
        }
        config.router().defaultRoute().ifPresent(route -> section.putObject("routes").put("default", route.toString()));
        section.put("warnings", config.warnings().size());
        reloads.last().ifPresent(outcome -> section.set("last_reload", ReloadEndpoint.json(outcome)));
        return section;
    }
}
