package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

    @Test
    void withoutKeysTheDefaultsApply() throws ConfigException {
        SecuritySettings security = parse("{}").security();

        assertThat(security).isEqualTo(SecuritySettings.DEFAULTS);
        assertThat(security.maxRequestBodyBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(security.maxConnections()).isEqualTo(1024);
        assertThat(security.clientIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(security.allowedHosts()).isEmpty();
        assertThat(security.corsOrigins()).isEmpty();
        assertThat(security.denyPrivateUpstreams()).isFalse();
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        SecuritySettings security = parse("""
                {
                  MAX_REQUEST_BODY_BYTES: 1048576,
                  MAX_CONNECTIONS: "64",
                  CLIENT_IDLE_TIMEOUT_MS: 5000,
                  ALLOWED_HOSTS: ["Conduit.Example.com", "[::1]", "10.1.2.3"],
                  CORS_ORIGINS: ["https://App.example.com/", "http://localhost:5173", "https://x.example.com:443"],
                  DENY_PRIVATE_UPSTREAMS: true,
                }""").security();

        assertThat(security).isEqualTo(new SecuritySettings(1_048_576, 64, Duration.ofSeconds(5),
                java.util.List.of("conduit.example.com", "::1", "10.1.2.3"),
                java.util.List.of("https://app.example.com", "http://localhost:5173", "https://x.example.com"), true));
    }

    @Test
    void listsMayComeFromOneVariableSeparatedByCommas() throws ConfigException {
        SecuritySettings security = parse("{ALLOWED_HOSTS: '$HOSTS', CORS_ORIGINS: '*'}",
                Map.of("HOSTS", "a.example.com, b.example.com")).security();

        assertThat(security.allowedHosts()).containsExactly("a.example.com", "b.example.com");
        assertThat(security.corsOrigins()).containsExactly("*");
    }

    @Test
    void wrongValuesAreErrorsAtTheirPlace() {
        assertThat(rejection("""
                {
                  "MAX_REQUEST_BODY_BYTES": 10,
                  "MAX_CONNECTIONS": 0,
                  "ALLOWED_HOSTS": ["example.com:8080", "https://example.com"],
                  "CORS_ORIGINS": ["app.example.com", "https://app.example.com/path"],
                  "DENY_PRIVATE_UPSTREAMS": "sometimes"
                }""")).isEqualTo("""
                config.json:2:29: MAX_REQUEST_BODY_BYTES: must be a number of bytes from 1024 to 2147483639, not 10
                config.json:3:22: MAX_CONNECTIONS: must be a whole number from 1 to 1000000, not 0
                config.json:4:21: ALLOWED_HOSTS[0]: "example.com:8080" has a port; write the host name without it
                config.json:4:41: ALLOWED_HOSTS[1]: "https://example.com" is not a host name; write the name only, like conduit.example.com
                config.json:5:20: CORS_ORIGINS[0]: "app.example.com" is not a web origin; write scheme, host and port only, like https://app.example.com
                config.json:5:39: CORS_ORIGINS[1]: "https://app.example.com/path" is not a web origin; write scheme, host and port only, like https://app.example.com
                config.json:6:29: DENY_PRIVATE_UPSTREAMS: must be true or false, not "sometimes\"""");
    }

    @Test
    void denyingPrivateUpstreamsRefusesProviderUrlsWrittenWithSuchAnAddress() {
        assertThat(rejection("""
                {
                  "DENY_PRIVATE_UPSTREAMS": true,
                  "Providers": [
                    {"name": "metadata", "api_base_url": "http://169.254.169.254/latest"},
                    {"name": "lan", "api_base_url": "http://10.0.0.5:8000/v1/chat/completions"},
                    {"name": "local", "api_base_url": "http://localhost:11434/v1/chat/completions"},
                    {"name": "v6", "api_base_url": "http://[::1]:8080/v1/chat/completions"},
                    {"name": "public", "api_base_url": "https://api.deepseek.com/chat/completions"}
                  ]
                }""")).isEqualTo("""
                config.json:4:42: Providers[0].api_base_url: points to 169.254.169.254, which is not a public address; DENY_PRIVATE_UPSTREAMS forbids that
                config.json:5:37: Providers[1].api_base_url: points to 10.0.0.5, which is not a public address; DENY_PRIVATE_UPSTREAMS forbids that
                config.json:6:39: Providers[2].api_base_url: points to localhost, which is not a public address; DENY_PRIVATE_UPSTREAMS forbids that
                config.json:7:36: Providers[3].api_base_url: points to [::1], which is not a public address; DENY_PRIVATE_UPSTREAMS forbids that""");
    }
}
