package dev.conduit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.LocalProcesses;
import dev.conduit.testing.MockUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's {@code conduit init}, {@code conduit model} and {@code conduit model set}: the
 * starter loads, and the worker's health and breakers come over JMX between the image's modules
 * (the Health MXBean's records among them).
 */
class ModelCommandIT {

    @TempDir
    Path home;

    private ConduitProcess conduit(String... args) throws Exception {
        return ConduitProcess.runToEnd(home, args);
    }

    @Test
    void initWritesAStarterThatModelLists() throws Exception {
        ConduitProcess init = conduit("init", "--provider", "openrouter");
        assertThat(init.process().exitValue()).as(init.output()).isZero();

        ConduitProcess model = conduit("model");
        assertThat(model.process().exitValue()).as(model.output()).isZero();
        assertThat(model.output()).containsPattern("\n  default +openrouter,anthropic/claude-sonnet-4.5 +not running\n");
    }

    @Test
    void modelShowsLiveHealthAndSetReloadsTheWorker() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            int port = LocalPorts.unused();
            Files.writeString(home.resolve("config.json"), """
                    {PORT: %d, Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model', 'other-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(port, upstream.chatCompletionsUrl()));
            ConduitProcess start = conduit("start");
            assertThat(start.process().exitValue()).as(start.output()).isZero();

            ConduitProcess json = conduit("model", "--json");
            assertThat(json.process().exitValue()).as(json.output()).isZero();
            assertThat(json.output()).contains("\"running\" : true").contains("\"health\" : \"healthy\"")
                    .contains("\"breaker\" : \"closed\"");
            ConduitProcess set = conduit("model", "set", "think", "mock,other-model");
            assertThat(set.process().exitValue()).as(set.output()).isZero();
            assertThat(set.output()).contains("Router.think: not set → mock,other-model")
                    .containsPattern("The running worker \\(pid \\d+\\) reloaded: applied");

            assertThat(conduit("stop").process().exitValue()).isZero();
        } finally {
            LocalProcesses.killAllMentioning(home.toString());
        }
    }
}
