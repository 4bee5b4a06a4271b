package dev.conduit.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.Route;
import dev.conduit.routing.SessionRouters.SessionRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** claude-code-router's project and session files, found the way it finds them. */
class ProjectRouterFilesTest {

    private static final String SESSION = "6c2c034d-0595-4fc5-b965-ea21806f2146";
    private static final String PROJECT = "-home-me-app";

    @TempDir
    Path home;

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private ProjectRouterFiles files;

    @BeforeEach
    void setUp() throws ConfigException {
        ConfigLoader loader = new ConfigLoader(Map.of(), home, base -> Optional.empty());
        Path file = home.resolve("config.json");
        ConduitConfig config = loader.parse("""
                {Providers: [{name: 'deepseek', api_base_url: 'https://api.deepseek.com/chat/completions',
                              models: ['deepseek-chat', 'deepseek-reasoner']}],
                 Router: {default: 'deepseek,deepseek-chat'}}""", file, new ConfigSource.File(file, ConfigSource.Origin.COMMAND_LINE));
        files = new ProjectRouterFiles(home.resolve(".claude/projects"), home.resolve(".claude-code-router"), config, loader,
                clock);
    }

    private void transcript(String project, String session) throws IOException {
        Path folder = Files.createDirectories(home.resolve(".claude/projects").resolve(project));
        Files.writeString(folder.resolve(session + ".jsonl"), "{}\n");
    }

    private Path routerFile(String name, String think) throws IOException {
        Path folder = Files.createDirectories(home.resolve(".claude-code-router").resolve(PROJECT));
        return Files.writeString(folder.resolve(name), "{\"Router\": {\"think\": \"" + think + "\"}}");
    }

    private String think(Optional<SessionRouter> found) {
        return found.orElseThrow().router().think().map(Route::toString).orElseThrow();
    }

    @Test
    void theProjectsConfigAppliesToItsSessions() throws IOException {
        transcript(PROJECT, SESSION);
        Path config = routerFile("config.json", "deepseek,deepseek-reasoner");

        Optional<SessionRouter> found = files.find(SESSION);

        assertThat(think(found)).isEqualTo("deepseek,deepseek-reasoner");
        assertThat(found.orElseThrow().source()).isEqualTo(config.toString());
    }

    @Test
    void aSessionsOwnFileWinsOverItsProjects() throws IOException {
        transcript(PROJECT, SESSION);
        routerFile("config.json", "deepseek,deepseek-reasoner");
        routerFile(SESSION + ".json", "deepseek,deepseek-chat");

        assertThat(think(files.find(SESSION))).isEqualTo("deepseek,deepseek-chat");
    }

    @Test
    void aChangedFileIsReadAgain() throws IOException {
        transcript(PROJECT, SESSION);
        Path config = routerFile("config.json", "deepseek,deepseek-reasoner");
        assertThat(think(files.find(SESSION))).isEqualTo("deepseek,deepseek-reasoner");

        routerFile("config.json", "deepseek,deepseek-chat");
        Files.setLastModifiedTime(config, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(think(files.find(SESSION))).as("within a second, the file is not looked at")
                .isEqualTo("deepseek,deepseek-reasoner");

        now = now.plus(ProjectRouterFiles.RECHECK).plusMillis(1);
        assertThat(think(files.find(SESSION))).isEqualTo("deepseek,deepseek-chat");
    }

    @Test
    void aFileWrittenLaterIsFoundWithinASecond() throws IOException {
        transcript(PROJECT, SESSION);
        assertThat(files.find(SESSION)).isEmpty();

        routerFile(SESSION + ".json", "deepseek,deepseek-chat");
        now = now.plus(ProjectRouterFiles.RECHECK).plusMillis(1);

        assertThat(think(files.find(SESSION))).isEqualTo("deepseek,deepseek-chat");
    }

    @Test
    void aSessionWithoutTranscriptIsLookedForAgainAfterAWhile() throws IOException {
        routerFile("config.json", "deepseek,deepseek-reasoner");
        assertThat(files.find(SESSION)).isEmpty();

        transcript(PROJECT, SESSION);
        assertThat(files.find(SESSION)).isEmpty();

        now = now.plus(ProjectRouterFiles.MISS_RETRY).plus(Duration.ofSeconds(1));
        assertThat(files.find(SESSION)).isPresent();
    }

    @Test
    void anInvalidFileIsIgnored() throws IOException {
        transcript(PROJECT, SESSION);
        routerFile("config.json", "groq,llama");

        assertThat(files.find(SESSION)).isEmpty();
    }

    @Test
    void aSessionIdThatIsNotAPlainIdIsNeverUsedAsAFileName() throws IOException {
        transcript(PROJECT, "..");
        routerFile("config.json", "deepseek,deepseek-reasoner");

        assertThat(files.find("../" + PROJECT)).isEmpty();
        assertThat(files.find("..")).isEmpty();
    }

    @Test
    void withoutClaudeProjectsThereAreNoOverrides() {
        assertThat(files.find(SESSION)).isEmpty();
    }
}
