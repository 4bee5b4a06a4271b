package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whatever a config file holds, loading it either gives a config or fails with a {@link
 * ConfigException} (the message Conduit prints before it exits); and no message ever shows the
 * value of an environment variable the file interpolates, since it may be a key.
 */
class ConfigLoaderFuzzTest {

    private static final String SECRET = "sk-env-secret-4f1d2c";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "KEY", SECRET, "PORT", "8080", "EMPTY", "", "URL", "https://api.example.com/v1/chat/completions");
    private static final ConfigLoader LOADER = new ConfigLoader(ENVIRONMENT, Path.of("/home/nobody"), Configs.NO_OLLAMA);

    @FuzzTest(maxDuration = "5m")
    void configFile(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        try {
            ConduitConfig config = LOADER.parse(text, Configs.FILE, Configs.SOURCE);
            config.warnings().forEach(warning -> assertNoSecret(text, warning));
        } catch (ConfigException rejected) {
            assertNoSecret(text, rejected.getMessage());
        }
    }

    private static void assertNoSecret(String text, String message) {
        if (!text.contains(SECRET)) {
            assertThat(message).doesNotContain(SECRET);
        }
    }
}
