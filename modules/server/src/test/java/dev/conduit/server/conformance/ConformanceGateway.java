package dev.conduit.server.conformance;

import dev.conduit.server.RunningGateway;
import java.util.Map;
import java.util.Set;

/**
 * The gateway every conformance test runs against: a real worker with one provider of each kind,
 * plus OpenAI-compatible providers with claude-code-router's transformers and on the hosts whose
 * dialect differs, all answered by the same recording mock upstream (requests are sent one at a
 * time).
 *
 * <p>The mock is also the gateway's {@code PROXY_URL}: a provider configured at
 * {@code http://api.openai.com/…} or {@code http://api.deepseek.com/…} reaches it through the
 * proxy, so the dialect Conduit chooses by host is tested end to end without leaving the machine
 * (Jetty's client does not proxy requests to the proxy's own address, so the other providers are
 * reached directly).
 */
final class ConformanceGateway {

    /** Sent by Conduit to the OpenAI-compatible provider as {@code Authorization: Bearer …}. */
    static final String OPENAI_KEY = RunningGateway.UPSTREAM_KEY;
    /** Sent by Conduit to the Gemini provider as {@code x-goog-api-key}. */
    static final String GEMINI_KEY = "gm-conformance-key-0001";
    /** Sent by Conduit to the Anthropic provider as {@code x-api-key}. */
    static final String ANTHROPIC_KEY = "sk-ant-conformance-key-0001";

    /**
     * The providers of each kind in the config; a case routes to one by naming
     * {@code "<provider>,<model>"} as its model.
     */
    static final Map<String, Set<String>> PROVIDERS_OF_KIND = Map.of(
            "openai", Set.of("mock", "openai", "deepseek", "orouter", "tx"),
            "gemini", Set.of("gem"),
            "anthropic", Set.of("claude"));

    private static final String CONFIG = """
            PROXY_URL: '{origin}',
            """;

    private static final String EXTRA_PROVIDERS = """
            {
              name: 'gem',
              api_base_url: '{origin}/v1beta/models/',
              api_key: '%s',
              models: ['gemini-2.5-flash', 'gemini-3-pro-preview'],
              transformer: {use: ['gemini']},
            },
            {
              name: 'claude',
              type: 'anthropic',
              api_base_url: '{origin}/v1/messages',
              api_key: '%s',
              models: ['claude-sonnet-4-5', 'claude-opus-4-1'],
            },
            {
              name: 'openai',
              api_base_url: 'http://api.openai.com/v1/chat/completions',
              api_key: 'sk-openai-conformance-0001',
              models: ['gpt-5', 'gpt-4.1'],
            },
            {
              name: 'deepseek',
              api_base_url: 'http://api.deepseek.com/chat/completions',
              api_key: 'sk-deepseek-conformance-0001',
              models: ['deepseek-chat', 'deepseek-reasoner'],
              transformer: {use: ['deepseek']},
            },
            {
              name: 'orouter',
              api_base_url: 'http://openrouter.ai/api/v1/chat/completions',
              api_key: 'sk-or-conformance-0001',
              models: ['google/gemini-2.5-pro', 'anthropic/claude-sonnet-4.5'],
              transformer: {use: [['openrouter', {provider: {only: ['google-vertex']}, title: 'Conduit conformance'}]]},
            },
            {
              name: 'tx',
              api_base_url: '{upstream}',
              api_key: 'sk-tx-conformance-0001',
              models: ['capped', 'enhanced', 'tool-mode', 'tuned'],
              transformer: {
                use: [['maxtoken', {max_tokens: 4096}]],
                enhanced: {use: ['enhancetool']},
                'tool-mode': {use: ['tooluse']},
                tuned: {use: [['customparams', {temperature: 0.2, chat_template_kwargs: {enable_thinking: false}}]]},
              },
            },
            """.formatted(GEMINI_KEY, ANTHROPIC_KEY);

    /** One attempt per request: each case is one exchange, its upstream failure included. */
    private static final String ROUTER = "{default: 'mock,mock-model', retry: {maxAttempts: 1}}";

    private ConformanceGateway() {}

    /** As a JUnit Jupiter extension: started before the class, stopped after it. */
    static RunningGateway gateway() {
        return new RunningGateway(CONFIG, EXTRA_PROVIDERS, ROUTER);
    }

    /** Started at once, for jqwik, which has no extensions. */
    static RunningGateway start() throws Exception {
        return RunningGateway.start(CONFIG, EXTRA_PROVIDERS, ROUTER);
    }
}
