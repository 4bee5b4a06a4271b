package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.server.RoutingMXBean;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code conduit model set SLOT provider,model}: changes one {@code Router} slot in the config
 * file — only its value's text, checked against {@code Providers} and the whole file validated
 * before anything is written, the old file kept as a backup — then has the running worker reload.
 */
final class ModelSetter {

    /** Slots {@code model set} changes: the routes, and the token count that picks longContext. */
    static final List<String> SETTABLE = List.of("default", "background", "think", "longContext", "webSearch", "image",
            "longContextThreshold");

    private static final String THRESHOLD = "longContextThreshold";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigLoader loader;
    private final Path conduitHome;
    private final Path claudeCodeRouterFolder;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param conduitHome where a running worker is found and the config {@code conduit init} writes
     * @param userHome where claude-code-router's folder is, whose files are never changed
     */
    ModelSetter(ConfigLoader loader, Path conduitHome, Path userHome, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.conduitHome = conduitHome;
        this.claudeCodeRouterFolder = userHome.resolve(".claude-code-router");
        this.out = out;
        this.err = err;
    }

    /** The slot's value as written now, for people: its route, or "not set". */
    static String current(ConduitConfig config, String slot) {
        if (slot.equals(THRESHOLD)) {
            return Integer.toString(config.router().longContextThreshold());
        }
        return RouteTable.slot(config.router(), slot).map(Route::toString).orElse("not set");
    }

    int set(String slot, String value, Optional<Path> configOption) {
        if (!SETTABLE.contains(slot)) {
            err.println("conduit model set: \"" + slot + "\" is not a slot; the slots are " + String.join(", ", SETTABLE));
            return Main.USAGE;
        }
        Optional<String> json = slot.equals(THRESHOLD) ? threshold(value) : target(value);
        if (json.isEmpty()) {
            return Main.USAGE;
        }
        ConduitConfig config;
        try {
            config = loader.load(configOption);
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            err.println("The config has errors; fix them first (nothing was changed).");
            return Main.FAILURE;
        }
        if (!(config.source() instanceof ConfigSource.File(Path file, ConfigSource.Origin origin))) {
            err.println("conduit model set: there is no config file to change (" + config.source()
                    + "); conduit init writes one");
            return Main.FAILURE;
        }
        if (origin == ConfigSource.Origin.CLAUDE_CODE_ROUTER || isClaudeCodeRouters(file)) {
            err.println("conduit model set: " + file + " is claude-code-router's config, which Conduit only reads;"
                    + " conduit init --from-ccr copies it to " + conduitHome.resolve("config.json")
                    + ", which conduit model set then changes");
            return Main.FAILURE;
        }
        if (!slot.equals(THRESHOLD) && !offered(config, RouteTarget.parse(value).orElseThrow())) {
            return Main.FAILURE;
        }
        return write(config, (ConfigSource.File) config.source(), slot, json.get());
    }

    private int write(ConduitConfig config, ConfigSource.File source, String slot, String json) {
        Path file = source.path();
        String text;
        String changed;
        ConduitConfig after;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            changed = RouterSlotEdit.set(text, slot, json);
            after = loader.parse(changed, file, source);
        } catch (IOException unreadable) {
            err.println("conduit model set: cannot read " + file + " (" + unreadable.getClass().getSimpleName() + ")");
            return Main.FAILURE;
        } catch (IllegalArgumentException | ConfigException wouldNotLoad) {
            err.println("conduit model set: the changed config would not load, so nothing was written:");
            err.println(wouldNotLoad.getMessage());
            return Main.FAILURE;
        }
        String before = current(config, slot);
        String now = current(after, slot);
        if (changed.equals(text) || before.equals(now)) {
            out.println("Router." + slot + " is " + before + " already; " + file + " is unchanged");
            return Main.OK;
        }
        Optional<Path> backup;
        try {
            backup = ConfigFileWriter.write(file, changed);
        } catch (IOException failed) {
            err.println("conduit model set: cannot write " + file + " (" + failed.getClass().getSimpleName() + ": "
                    + failed.getMessage() + "); it is unchanged");
            return Main.FAILURE;
        }
        out.println("Router." + slot + ": " + before + " → " + now);
        out.println("  in " + file + backup.map(copy -> " (the previous file is kept as " + copy + ")").orElse(""));
        return reload(file);
    }

    /** Whether {@code file} is in claude-code-router's folder, however it was named ({@code --config} too). */
    private boolean isClaudeCodeRouters(Path file) {
        try {
            return file.toRealPath().startsWith(claudeCodeRouterFolder.toRealPath());
        } catch (IOException noSuchFolder) {
            return false;
        }
    }

    /** A positive whole number of tokens, as JSON; empty (after saying why) otherwise. */
    private Optional<String> threshold(String value) {
        try {
            int tokens = Integer.parseInt(value.strip());
            if (tokens > 0) {
                return Optional.of(Integer.toString(tokens));
            }
        } catch (NumberFormatException notNumber) {
            // answered below
        }
        err.println("conduit model set: longContextThreshold is a positive number of tokens, not \"" + value + "\"");
        return Optional.empty();
    }

    private Optional<String> target(String value) {
        if (RouteTarget.parse(value).isEmpty()) {
            err.println("conduit model set: a target is \"provider,model\", not \"" + value + "\"");
            return Optional.empty();
        }
        return Optional.of(JSON.writeValueAsString(RouteTarget.parse(value).get().toString()));
    }

    /** Whether Providers has the target's provider and lists its model; says which are there when not. */
    private boolean offered(ConduitConfig config, RouteTarget target) {
        Optional<ProviderConfig> provider = config.provider(target.provider());
        if (provider.isEmpty()) {
            err.println("conduit model set: there is no provider \"" + target.provider() + "\" in Providers"
                    + (config.providers().isEmpty() ? "" : "; there are: " + config.providers().stream()
                            .map(ProviderConfig::name).collect(Collectors.joining(", "))));
            return false;
        }
        if (!provider.get().models().contains(target.model())) {
            err.println("conduit model set: provider \"" + provider.get().name() + "\" does not list the model \""
                    + target.model() + "\"; its models: " + String.join(", ", provider.get().models())
                    + " (add it to the provider's models first)");
            return false;
        }
        return true;
    }

    /** Asks the running worker to read the file again, over JMX, and says how that went. */
    private int reload(Path file) {
        Optional<ProcessRecord> worker;
        try {
            worker = RunState.inspect(RunDirectory.of(conduitHome)).worker();
        } catch (IOException unreadable) {
            worker = Optional.empty();
        }
        if (worker.isEmpty()) {
            out.println("Conduit is not running; it reads the change when it starts");
            return Main.OK;
        }
        try (LocalJmx jmx = LocalJmx.attach(worker.get().pid(), "the worker")) {
            RoutingMXBean routing = jmx.proxy(RoutingMXBean.OBJECT_NAME, RoutingMXBean.class);
            String serving = routing.getConfigSource();
            if (!serving.startsWith(file + " (")) {
                out.println("The running worker (pid " + worker.get().pid() + ") serves " + serving
                        + ", not this file, so it was not reloaded");
                return Main.OK;
            }
            String outcome = routing.reload();
            out.println("The running worker (pid " + worker.get().pid() + ") reloaded: " + outcome);
            return outcome.startsWith("rejected") ? Main.FAILURE : Main.OK;
        } catch (IOException | RuntimeException noAnswer) {
            out.println("The running worker (pid " + worker.get().pid() + ") did not answer over JMX ("
                    + noAnswer.getMessage() + "); its config watcher picks the change up, or run conduit reload");
            return Main.OK;
        }
    }
}
