package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code .env} file beside the config (or named by {@code $CONDUIT_ENV_FILE}) feeds its {@code $VAR}s. */
class DotEnvTest {

    @TempDir
    Path temp;

    private Path config;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void writeAConfigThatNeedsTwoVariables() throws IOException {
        config = temp.resolve("conduit/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {PORT: '$GATEWAY_PORT',
                 Providers: [{name: 'deepseek', api_base_url: 'https://api.deepseek.com/chat/completions',
                              api_key: '${DEEPSEEK_API_KEY}', models: ['deepseek-chat']}],
                 Router: {default: 'deepseek,deepseek-chat'}}""");
    }

    private ConduitConfig load() throws ConfigException {
        return new ConfigLoader(environment, temp.resolve("home"), Configs.NO_OLLAMA).load(Optional.of(config));
    }

    private static String key(ConduitConfig loaded) {
        return loaded.providers().getFirst().apiKeys().getFirst().reveal();
    }

    @Test
    void variablesComeFromTheDotEnvBesideTheConfig() throws Exception {
        Files.writeString(config.resolveSibling(".env"), """
                # keys for conduit
                export DEEPSEEK_API_KEY=sk-from-dotenv   # an inline comment

                GATEWAY_PORT = "4001"
                """);

        ConduitConfig loaded = load();

        assertThat(key(loaded)).isEqualTo("sk-from-dotenv");
        assertThat(loaded.port()).isEqualTo(4001);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void theProcessEnvironmentWinsOverTheDotEnv() throws Exception {
        Files.writeString(config.resolveSibling(".env"), "DEEPSEEK_API_KEY=sk-from-dotenv\nGATEWAY_PORT=4001\n");
        environment.put("DEEPSEEK_API_KEY", "sk-from-the-shell");

        ConduitConfig loaded = load();

        assertThat(key(loaded)).isEqualTo("sk-from-the-shell");
        assertThat(loaded.port()).isEqualTo(4001);
    }

    @Test
    void quotesKeepWhatIsInsideThem() throws Exception {
        Files.writeString(config.resolveSibling(".env"), """
                DEEPSEEK_API_KEY='sk-#not-a-comment $NOT_EXPANDED "x"'
                GATEWAY_PORT=4002
                """);
        assertThat(key(load())).isEqualTo("sk-#not-a-comment $NOT_EXPANDED \"x\"");

        Files.writeString(config.resolveSibling(".env"), """
                DEEPSEEK_API_KEY="sk-\\"quoted\\" \\\\ it's" # comment
                GATEWAY_PORT=4002
                """);
        assertThat(key(load())).isEqualTo("sk-\"quoted\" \\ it's");
    }

    @Test
    void conduitEnvFileNamesAnotherFileAndThenTheOneBesideIsNotRead() throws Exception {
        Files.writeString(config.resolveSibling(".env"), "DEEPSEEK_API_KEY=sk-beside\nGATEWAY_PORT=4001\n");
        Path named = Files.writeString(temp.resolve("secrets.env"), "DEEPSEEK_API_KEY=sk-named\nGATEWAY_PORT=4003\n");
        environment.put("CONDUIT_ENV_FILE", named.toString());

        ConduitConfig loaded = load();

        assertThat(key(loaded)).isEqualTo("sk-named");
        assertThat(loaded.port()).isEqualTo(4003);
    }

    @Test
    void aMissingConduitEnvFileIsAnError() {
        environment.put("CONDUIT_ENV_FILE", temp.resolve("nowhere.env").toString());

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(temp.resolve("nowhere.env") + ": no such file (named by $CONDUIT_ENV_FILE)");
    }

    @Test
    void errorsNameTheFileAndLineButNotTheValue() throws Exception {
        Path dotEnv = config.resolveSibling(".env");
        Files.writeString(dotEnv, "GATEWAY_PORT=4001\nDEEPSEEK_API_KEY=\"sk-secret-unclosed\n");
        assertThatThrownBy(this::load).hasMessage(dotEnv + ":2: DEEPSEEK_API_KEY: the double quote is not closed on this line");

        Files.writeString(dotEnv, "# comment\nsk-secret-without-a-name\n");
        assertThatThrownBy(this::load).hasMessage(dotEnv + ":2: expected NAME=VALUE");

        Files.writeString(dotEnv, "1ST=x\n");
        assertThatThrownBy(this::load).hasMessage(dotEnv
                + ":1: \"1ST\" is not a variable name (letters, digits and _, not starting with a digit)");

        Files.writeString(dotEnv, "DEEPSEEK_API_KEY='sk-secret'trailing\n");
        assertThatThrownBy(this::load).hasMessage(dotEnv + ":1: DEEPSEEK_API_KEY: unexpected text after the closing quote")
                .message().doesNotContain("sk-secret");
    }

    @Test
    void neitherFileIsWrittenAndTheSecretStaysInTheDotEnvOnly() throws Exception {
        Path dotEnv = config.resolveSibling(".env");
        Files.writeString(dotEnv, "DEEPSEEK_API_KEY=sk-canary-1234\nGATEWAY_PORT=4001\n");
        byte[] configBefore = Files.readAllBytes(config);
        byte[] dotEnvBefore = Files.readAllBytes(dotEnv);

        ConduitConfig loaded = new ConfigLoader(environment, temp.resolve("home"), Configs.NO_OLLAMA)
                .reread(new ConfigSource.File(config, ConfigSource.Origin.COMMAND_LINE));

        assertThat(key(loaded)).isEqualTo("sk-canary-1234");
        assertThat(loaded.toString()).doesNotContain("sk-canary-1234");
        assertThat(Files.readAllBytes(config)).isEqualTo(configBefore);
        assertThat(Files.readAllBytes(dotEnv)).isEqualTo(dotEnvBefore);
    }

    @Test
    void withoutADotEnvAnUnsetVariableIsStillOnlyAWarning() throws Exception {
        environment.put("GATEWAY_PORT", "4004");

        ConduitConfig loaded = load();

        assertThat(loaded.port()).isEqualTo(4004);
        assertThat(loaded.warnings()).anyMatch(warning -> warning.contains("$DEEPSEEK_API_KEY is not set"));
    }
}
