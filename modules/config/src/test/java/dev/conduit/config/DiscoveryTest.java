package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path temp;

    private Path userHome;
    private Path commandLineFile;
    private Path conduitConfigFile;
    private Path conduitHomeFile;
    private Path claudeCodeRouterFile;
    private final Map<String, String> environment = new HashMap<>();

    /** Every candidate exists, each with its own port, so the port says which file won. */
    @BeforeEach
    void writeEveryCandidate() throws IOException {
        userHome = Files.createDirectories(temp.resolve("home"));
        commandLineFile = write(temp.resolve("cli/config.json"), 1001);
        conduitConfigFile = write(temp.resolve("env/conduit.json"), 1002);
        conduitHomeFile = write(userHome.resolve(".conduit/config.json"), 1003);
        claudeCodeRouterFile = write(userHome.resolve(".claude-code-router/config.json"), 1004);
        environment.put("CONDUIT_CONFIG", conduitConfigFile.toString());
    }

    private ConduitConfig load(Optional<Path> commandLine) throws ConfigException {
        return new ConfigLoader(environment, userHome, Configs.NO_OLLAMA).load(commandLine);
    }

    @Test
    void theCommandLineFileWinsOverEveryOther() throws ConfigException {
        ConduitConfig config = load(Optional.of(commandLineFile));

        assertThat(config.port()).isEqualTo(1001);
        assertThat(config.source()).isEqualTo(new ConfigSource.File(commandLineFile, ConfigSource.Origin.COMMAND_LINE));
    }

    @Test
    void conduitConfigWinsOverTheHomeFolders() throws ConfigException {
        ConduitConfig config = load(Optional.empty());

        assertThat(config.port()).isEqualTo(1002);
        assertThat(config.source()).isEqualTo(new ConfigSource.File(conduitConfigFile, ConfigSource.Origin.CONDUIT_CONFIG));
    }

    @Test
    void theConduitHomeFileWinsOverClaudeCodeRouters() throws ConfigException {
        environment.remove("CONDUIT_CONFIG");

        ConduitConfig config = load(Optional.empty());

        assertThat(config.port()).isEqualTo(1003);
        assertThat(config.source()).isEqualTo(new ConfigSource.File(conduitHomeFile, ConfigSource.Origin.CONDUIT_HOME));
    }

    @Test
    void conduitHomeMovesTheHomeFolder() throws IOException, ConfigException {
        environment.remove("CONDUIT_CONFIG");
        Path elsewhere = write(temp.resolve("srv/conduit/config.json"), 1005);
        environment.put("CONDUIT_HOME", elsewhere.getParent().toString());

        ConduitConfig config = load(Optional.empty());

        assertThat(config.port()).isEqualTo(1005);
        assertThat(config.source()).isEqualTo(new ConfigSource.File(elsewhere, ConfigSource.Origin.CONDUIT_HOME));
    }

    @Test
    void claudeCodeRoutersFileIsReadAndLeftUntouched() throws IOException, ConfigException {
        environment.remove("CONDUIT_CONFIG");
        Files.delete(conduitHomeFile);
        String before = Files.readString(claudeCodeRouterFile);
        FileTime modifiedBefore = Files.getLastModifiedTime(claudeCodeRouterFile);

        ConduitConfig config = load(Optional.empty());

        assertThat(config.port()).isEqualTo(1004);
        assertThat(config.source()).isEqualTo(
                new ConfigSource.File(claudeCodeRouterFile, ConfigSource.Origin.CLAUDE_CODE_ROUTER));
        assertThat(config.source().toString()).endsWith("(claude-code-router's config, read only)");
        assertThat(Files.readString(claudeCodeRouterFile)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(claudeCodeRouterFile)).isEqualTo(modifiedBefore);
        try (var files = Files.list(claudeCodeRouterFile.getParent())) {
            assertThat(files).containsExactly(claudeCodeRouterFile);
        }
    }

    @Test
    void withoutAnyFileTheEnvironmentDecides() throws IOException, ConfigException {
        environment.remove("CONDUIT_CONFIG");
        Files.delete(conduitHomeFile);
        Files.delete(claudeCodeRouterFile);
        environment.put("DEEPSEEK_API_KEY", "sk-deepseek");

        ConduitConfig config = load(Optional.empty());

        assertThat(config.port()).isEqualTo(ConduitConfig.DEFAULT_PORT);
        assertThat(config.source()).isEqualTo(new ConfigSource.Environment(List.of("DEEPSEEK_API_KEY")));
        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("deepseek");
    }

    @Test
    void aMissingCommandLineFileIsAnErrorEvenWhenOthersExist() {
        Path missing = temp.resolve("typo.json");

        assertThatThrownBy(() -> load(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file (named by --config)");
    }

    @Test
    void aMissingConduitConfigFileIsAnErrorEvenWhenOthersExist() {
        Path missing = temp.resolve("gone.json");
        environment.put("CONDUIT_CONFIG", missing.toString());

        assertThatThrownBy(() -> load(Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file (named by $CONDUIT_CONFIG)");
    }

    @Test
    void aFolderIsNotAConfigFile() {
        assertThatThrownBy(() -> load(Optional.of(temp)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(temp + ": is a directory, not a file");
    }

    @Test
    void problemsInADiscoveredFileNameTheFullPath() throws IOException {
        Files.writeString(conduitConfigFile, "{\n  \"PORT\": \"http\"\n}\n");

        assertThatThrownBy(() -> load(Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(conduitConfigFile + ":2:11: PORT: must be a port number from 0 to 65535, not \"http\"");
    }

    private static Path write(Path file, int port) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{\"PORT\": " + port + "}\n");
    }

    @Test
    void aReloadRereadsTheSameFileEvenWhenDiscoveryWouldNowFindAnother() throws IOException, ConfigException {
        environment.remove("CONDUIT_CONFIG");
        Files.delete(conduitHomeFile);
        ConduitConfig first = load(Optional.empty());
        write(conduitHomeFile, 2003);
        write(claudeCodeRouterFile, 2004);

        ConduitConfig again = new ConfigLoader(environment, userHome, Configs.NO_OLLAMA)
                .reread((ConfigSource.File) first.source());

        assertThat(first.port()).isEqualTo(1004);
        assertThat(again.port()).isEqualTo(2004);
        assertThat(again.source()).isEqualTo(first.source());
    }

    @Test
    void aReloadOfAFileThatIsGoneFails() throws IOException, ConfigException {
        ConduitConfig first = load(Optional.of(commandLineFile));
        Files.delete(commandLineFile);

        assertThatThrownBy(() -> new ConfigLoader(environment, userHome, Configs.NO_OLLAMA)
                .reread((ConfigSource.File) first.source()))
                .isInstanceOf(ConfigException.class).hasMessage(commandLineFile + ": no such file");
    }
}
