package dev.conduit.server.conformance;

import dev.conduit.server.RunningGateway;
import java.util.Map;

/**
 * The gateway every conformance test runs against: a real worker with one provider of each kind,
 * all answered by the same recording mock upstream (requests are sent one at a time).
 */
final class ConformanceGateway {

    /** Sent by Conduit to the OpenAI-compatible provider as {@code Authorization: Bearer …}. */
    static final String OPENAI_KEY = RunningGateway.UPSTREAM_KEY;
    /** Sent by Conduit to the Gemini provider as {@code x-goog-api-key}. */
    static final String GEMINI_KEY = "gm-conformance-key-0001";

    /**
     * The provider of each kind in the config; a case routes to it by naming
     * {@code "<provider>,<model>"} as its model. The Anthropic provider joins when its adapter does.
     */
    static final Map<String, String> PROVIDER_OF_KIND = Map.of("openai", "mock", "gemini", "gem");

    private static final String EXTRA_PROVIDERS = """
            {
              name: 'gem',
              api_base_url: '{origin}/v1beta/models/',
              api_key: '%s',
              models: ['gemini-2.5-flash', 'gemini-3-pro-preview'],
              transformer: {use: ['gemini']},
            },
            """.formatted(GEMINI_KEY);

    private ConformanceGateway() {}

    /** As a JUnit Jupiter extension: started before the class, stopped after it. */
    static RunningGateway gateway() {
        return new RunningGateway("", EXTRA_PROVIDERS);
    }

    /** Started at once, for jqwik, which has no extensions. */
    static RunningGateway start() throws Exception {
        return RunningGateway.start("", EXTRA_PROVIDERS);
    }
}
