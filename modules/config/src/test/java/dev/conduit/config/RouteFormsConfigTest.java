package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Balanced routes and {@code Router.fallback}. */
class RouteFormsConfigTest {

    private static final String PROVIDERS = """
            "Providers": [
              {"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions", "models": ["deepseek-chat"]},
              {"name": "OpenRouter", "api_base_url": "https://openrouter.ai/api/v1/chat/completions", "models": ["model-a"]}
            ],
            """;

    private static String router(String router) {
        return "{\n" + PROVIDERS + "\"Router\": " + router + "\n}";
    }

    private static final RouteTarget DEEPSEEK = new RouteTarget("deepseek", "deepseek-chat");
    private static final RouteTarget MODEL_A = new RouteTarget("OpenRouter", "model-a");

    @Test
    void aRouteMayBeAStringOrBalancedTargets() throws ConfigException {
        RouterConfig router = parse(router("""
                {"default": "deepseek,deepseek-chat",
                 "think": {"targets": ["openrouter,model-a", "deepseek,deepseek-chat"], "strategy": "weighted", "weights": [3, 1]},
                 "longContext": {"targets": ["openrouter,model-a", "deepseek,deepseek-chat"], "strategy": "Least-Latency"},
                 "background": {"targets": ["deepseek,deepseek-chat", "openrouter,model-a"]}}""")).router();

        assertThat(router.defaultRoute()).contains(new Route.Single(DEEPSEEK));
        assertThat(router.think()).contains(new Route.Balanced(List.of(MODEL_A, DEEPSEEK), Route.Strategy.WEIGHTED, List.of(3, 1)));
        assertThat(router.longContext()).contains(new Route.Balanced(List.of(MODEL_A, DEEPSEEK), Route.Strategy.LEAST_LATENCY, List.of()));
        assertThat(router.background()).contains(new Route.Balanced(List.of(DEEPSEEK, MODEL_A), Route.Strategy.WEIGHTED, List.of(1, 1)));
        assertThat(router.think().orElseThrow()).hasToString("weighted: OpenRouter,model-a ×3, deepseek,deepseek-chat ×1");
    }

    @Test
    void balancedRoutesAreCheckedWithPositions() {
        assertThat(rejection(router("""
                {"default": {"targets": ["deepseek,deepseek-chat", "groq,llama", "deepseek,deepseek-chat", 7], "weights": [1, 0]},
                 "think": {"targets": [], "strategy": "fastest", "retries": 2},
                 "background": {"strategy": "least-latency", "weights": [1]},
                 "image": ["deepseek,deepseek-chat"]}""")))
                .isEqualTo(String.join("\n",
                        "config.json:6:62: Router.default.targets[1]: provider \"groq\" is not in Providers (known: deepseek,"
                                + " OpenRouter)",
                        "config.json:6:76: Router.default.targets[2]: \"deepseek,deepseek-chat\" is already a target of this route",
                        "config.json:6:102: Router.default.targets[3]: must be \"provider,model\", not a number",
                        "config.json:6:117: Router.default.weights: has 2 weights for 4 targets; give one per target",
                        "config.json:6:121: Router.default.weights[1]: must be a positive whole number, not 0",
                        "config.json:7:23: Router.think.targets: must be a non-empty array of \"provider,model\" routes,"
                                + " not an empty array",
                        "config.json:7:39: Router.think.strategy: \"fastest\" is not a strategy; use \"weighted\" or"
                                + " \"least-latency\"",
                        "config.json:7:61: Router.think.retries: unknown key; a balanced route has targets, strategy and weights",
                        "config.json:8:16: Router.background: a balanced route needs \"targets\": [\"provider,model\", …]",
                        "config.json:8:57: Router.background.weights: weights apply to the \"weighted\" strategy only",
                        "config.json:9:11: Router.image: must be \"provider,model\" or {\"targets\": [\"provider,model\", …]},"
                                + " not an array"));
    }

    @Test
    void fallbacksAreListsOfTargetsByRouteOrRuleName() throws ConfigException {
        RouterConfig router = parse(router("""
                {"default": "deepseek,deepseek-chat", "think": "openrouter,model-a",
                 "rules": [{"name": "big", "when": {"tokens": {"min": 100000}}, "target": "openrouter,model-a"}],
                 "fallback": {"default": ["openrouter,model-a"], "think": ["deepseek,deepseek-chat", "openrouter,model-a"],
                              "big": ["deepseek,deepseek-chat"]}}""")).router();

        assertThat(router.fallbackOf("default")).containsExactly(MODEL_A);
        assertThat(router.fallbackOf("think")).containsExactly(DEEPSEEK, MODEL_A);
        assertThat(router.fallbackOf("big")).containsExactly(DEEPSEEK);
        assertThat(router.fallbackOf("longContext")).isEmpty();
    }

    @Test
    void fallbacksAreCheckedWithPositions() {
        assertThat(rejection(router("""
                {"default": "deepseek,deepseek-chat",
                 "fallback": {"default": ["groq,llama", ""], "thinking": ["deepseek,deepseek-chat"], "think": "deepseek,deepseek-chat"}}""")))
                .isEqualTo(String.join("\n",
                        "config.json:7:27: Router.fallback.default[0]: provider \"groq\" is not in Providers (known: deepseek,"
                                + " OpenRouter)",
                        "config.json:7:41: Router.fallback.default[1]: must be \"provider,model\", not \"\"",
                        "config.json:7:58: Router.fallback.thinking: is neither a route (default, background, think,"
                                + " longContext, webSearch, image) nor the name of a rule",
                        "config.json:7:95: Router.fallback.think: must be an array of \"provider,model\" targets, tried in"
                                + " order, not a string"));
    }

    @Test
    void fallbacksOfARouteThatIsNotSetAreWarnedAbout() throws ConfigException {
        ConduitConfig config = parse(router("""
                {"default": "deepseek,deepseek-chat", "fallback": {"image": ["openrouter,model-a"]}}"""));

        assertThat(config.warnings()).containsExactly("config.json:6:71: Router.fallback.image: Router.image is not set,"
                + " so these fallbacks are never used");
    }
}
