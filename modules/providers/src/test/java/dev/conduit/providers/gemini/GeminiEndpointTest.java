package dev.conduit.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GeminiEndpointTest {

    private static final URI BASE = URI.create("https://generativelanguage.googleapis.com/v1beta/models/");

    @Test
    void theModelAndMethodFollowTheModelsPrefix() {
        assertThat(GeminiEndpoint.of(BASE, "gemini-2.5-pro", false)).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent");
        assertThat(GeminiEndpoint.of(BASE, "gemini-2.5-pro", true)).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
        assertThat(GeminiEndpoint.of(URI.create("https://example.com/v1beta/models"), "m", false))
                .hasToString("https://example.com/v1beta/models/m:generateContent");
    }

    @Test
    void aQueryOnTheBaseIsKeptAndOddModelNamesAreEncoded() {
        URI base = URI.create("https://proxy.example/v1beta/models/?tenant=a");

        assertThat(GeminiEndpoint.of(base, "my model/ü", true))
                .hasToString("https://proxy.example/v1beta/models/my%20model%2F%C3%BC:streamGenerateContent?alt=sse&tenant=a");
        assertThat(GeminiEndpoint.of(base, "m", false)).hasToString("https://proxy.example/v1beta/models/m:generateContent?tenant=a");
    }
}
