package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.server.UsageException;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code conduit reload}: asks the running worker to read its config file again, over
 * {@code POST /admin/reload} on the address {@code conduit run} listens on (found from the same
 * config and options), with {@code APIKEY} when the config sets one.
 */
final class ReloadCommand {

    static final String USAGE = """
            conduit reload [--config FILE] [--host HOST] [--port PORT]
              asks the running worker to read its config file again; the options find the worker
              the way conduit run was told where to listen""";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReloadCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
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
