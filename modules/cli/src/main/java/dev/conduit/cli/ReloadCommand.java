package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.server.GatewayMXBean;
import dev.conduit.server.RoutingMXBean;
import dev.conduit.server.UsageException;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerOptions;
import dev.conduit.watchdog.LocalJmx;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conduit reload}: asks the running worker to read its config file again. The worker of
 * this home ({@code conduit start}, a service) is reached over JMX, its Gateway MBean's
 * {@code reload()}; a worker in the foreground ({@code conduit run}) writes no pid file, so with
 * {@code --config}, {@code --host} or {@code --port} the command finds it the way {@code conduit run}
 * was told where to listen and asks over {@code POST /admin/reload}, with {@code APIKEY} when the
 * config sets one.
 */
final class ReloadCommand {

    static final String USAGE = """
            conduit reload [--json]
              asks the running worker of this Conduit home (over JMX) to read its config file again
              --json  one JSON object for scripts
            conduit reload [--config FILE] [--host HOST] [--port PORT]
              asks a worker run in the foreground (conduit run), found the way conduit run was told
              where to listen, over POST /admin/reload""";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReloadCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        if (args.length == 0 || List.of(args).equals(List.of("--json"))) {
            return overJmx(args.length > 0, out, err);
        }
        WorkerOptions options;
        try {
            options = WorkerOptions.parse(args);
        } catch (UsageException usage) {
            err.println("conduit reload: " + usage.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        ConduitConfig config;
        try {
            config = environment.configLoader().load(options.config());
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            err.println("The config has errors, so it was not sent; the running worker keeps serving its config.");
            return Main.FAILURE;
        }
        URI endpoint = endpoint(config, options);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(ANSWER_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody());
            config.apiKey().ifPresent(key -> request.header("x-api-key", key.reveal()));
            return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), out, err);
        } catch (ConnectException notRunning) {
            err.println("No Conduit worker answers on " + endpoint.getAuthority() + ": is it running?");
            return Main.NOT_RUNNING;
        } catch (HttpTimeoutException slow) {
            err.println("The worker on " + endpoint.getAuthority() + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
            return Main.FAILURE;
        } catch (IOException failed) {
            err.println("Cannot reach the worker on " + endpoint.getAuthority() + " (" + failed.getClass().getSimpleName() + ")");
            return Main.FAILURE;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
    }

    private static int overJmx(boolean json, PrintStream out, PrintStream err) {
        try (LocalJmx jmx = RunningWorker.attach()) {
            String summary = jmx.proxy(GatewayMXBean.OBJECT_NAME, GatewayMXBean.class).reload();
            List<String> needsRestart = jmx.proxy(RoutingMXBean.OBJECT_NAME, RoutingMXBean.class).getSettingsNeedingRestart();
            boolean applied = summary.startsWith("applied");
            // "applied (JMX reload()): 2 providers, ..." → what is in force, or why it was rejected
            String message = summary.substring(summary.indexOf("): ") + 3);
            if (json) {
                ObjectNode node = JsonOutput.object().put("result", applied ? "applied" : "rejected").put("message", message);
                needsRestart.forEach(node.putArray("needs_restart")::add);
                JsonOutput.print(node, out);
            } else if (applied) {
                out.println("Reloaded: " + message);
            } else {
                err.println("Rejected: " + message);
                err.println("The worker keeps serving its previous config.");
            }
            return applied ? Main.OK : Main.FAILURE;
        } catch (RunningWorker.Unavailable e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("conduit reload: the worker did not answer: " + e.getMessage());
            return Main.FAILURE;
        }
    }

    /**
     * Where the worker listens: without APIKEY it answers on loopback only, and a wildcard address
     * is reached on loopback too.
     */
    private static URI endpoint(ConduitConfig config, WorkerOptions options) {
        String host = options.host().orElse(config.host());
        if (config.apiKey().isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = ConduitConfig.DEFAULT_HOST;
        }
        int port = options.port().orElse(config.port());
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/admin/reload");
    }

    private static int answer(HttpResponse<String> response, PrintStream out, PrintStream err) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException notJson) {
            err.println("The worker answered " + response.statusCode() + " with something that is not JSON");
            return Main.FAILURE;
        }
        return switch (response.statusCode()) {
            case 200 -> {
                out.println("Reloaded: " + body.path("message").asString(""));
                if (!body.path("needs_restart").isEmpty()) {
                    out.println("Needs a restart to take effect: " + String.join(", ",
                            body.path("needs_restart").valueStream().map(JsonNode::asString).toList()));
                }
                yield Main.OK;
            }
            case 422 -> {
                err.println("Rejected: " + body.path("message").asString(""));
                err.println("The worker keeps serving its previous config.");
                yield Main.FAILURE;
            }
            default -> {
                err.println("The worker answered " + response.statusCode() + ": "
                        + body.path("error").path("message").asString(body.toString()));
                yield Main.FAILURE;
            }
        };
    }
}
