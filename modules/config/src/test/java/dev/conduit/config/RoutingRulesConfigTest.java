package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code Router.rules}: the declarative replacement for JavaScript custom routers. */
class RoutingRulesConfigTest {

    private static final String PROVIDERS = """
            "Providers": [
              {"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions", "models": ["deepseek-chat"]},
              {"name": "local", "api_base_url": "http://127.0.0.1:8080/v1/chat/completions", "models": ["qwen", "llava"]}
            ],
            """;

    private static String withRules(String rules) {
        return "{\n" + PROVIDERS + "\"Router\": {\"default\": \"deepseek,deepseek-chat\", \"rules\": " + rules + "}\n}";
    }

    private static List<RoutingRule> rules(String rules) throws ConfigException {
        return parse(withRules(rules)).router().rules();
    }

    @Test
    void everyConditionAndOperatorIsRead() throws ConfigException {
        List<RoutingRule> rules = rules("""
                [{"name": "search-team", "target": "local,qwen", "when": {
                    "model": {"regex": "^claude-.*-4"},
                    "tokens": {"min": 1000, "max": 50000},
                    "thinking": true,
                    "tools": ["WebFetch", "web_search_20250305"],
                    "headers": {"X-Team": "search"},
                    "user_id": {"in": ["alice", "bob"]},
                    "format": "openai"}}]""");

        RoutingRule rule = rules.getFirst();
        assertThat(rule.name()).isEqualTo("search-team");
        assertThat(rule.target()).isEqualTo(new Route.Single(new RouteTarget("local", "qwen")));
        assertThat(rule.conditions()).hasSize(7);
        assertThat(rule.conditions().get(0)).isInstanceOfSatisfying(RuleCondition.Model.class,
                model -> assertThat(model.match().matches("claude-sonnet-4-5")).isTrue());
        assertThat(rule.conditions().get(1)).isEqualTo(new RuleCondition.Tokens(1000, 50_000));
        assertThat(rule.conditions().get(2)).isEqualTo(new RuleCondition.Thinking(true));
        assertThat(rule.conditions().get(3)).isEqualTo(new RuleCondition.Tool(new TextMatch.In(List.of("WebFetch", "web_search_20250305"))));
        assertThat(rule.conditions().get(4)).isEqualTo(new RuleCondition.Header("x-team", new TextMatch.Equals("search")));
        assertThat(rule.conditions().get(5)).isEqualTo(new RuleCondition.UserId(new TextMatch.In(List.of("alice", "bob"))));
        assertThat(rule.conditions().get(6)).isEqualTo(new RuleCondition.Format(Set.of(InboundApi.OPENAI)));
    }

    @Test
    void operatorsMayBeWrittenOutAndRangesOpenEnded() throws ConfigException {
        List<RoutingRule> rules = rules("""
                [{"name": "a", "target": "local,qwen", "when": {"model": {"equals": "claude-opus-4-5"}, "tokens": {"min": 100},
                  "thinking": {"equals": "false"}, "format": {"in": ["Anthropic", "openai"]}}},
                 {"name": "b", "target": "local,llava", "when": {"tokens": {"max": 10}}},
                 {"name": "c", "target": "local,llava", "when": {}}]""");

        assertThat(rules.get(0).conditions()).containsExactly(
                new RuleCondition.Model(new TextMatch.Equals("claude-opus-4-5")), new RuleCondition.Tokens(100, Long.MAX_VALUE),
                new RuleCondition.Thinking(false), new RuleCondition.Format(Set.of(InboundApi.ANTHROPIC, InboundApi.OPENAI)));
        assertThat(rules.get(1).conditions()).containsExactly(new RuleCondition.Tokens(0, 10));
        assertThat(rules.get(2).conditions()).isEmpty();
    }

    @Test
    void aRuleMayBalanceItsTarget() throws ConfigException {
        List<RoutingRule> rules = rules("""
                [{"name": "spread", "when": {}, "target": {"targets": ["local,qwen", "deepseek,deepseek-chat"]}}]""");

        assertThat(rules.getFirst().target()).isEqualTo(new Route.Balanced(
                List.of(new RouteTarget("local", "qwen"), new RouteTarget("deepseek", "deepseek-chat")),
                Route.Strategy.WEIGHTED, List.of(1, 1)));
    }

    @Test
    void anInvalidRegexIsAnErrorAtItsPosition() {
        assertThat(rejection(withRules("""
                [{"name": "a", "target": "local,qwen", "when": {"model": {"regex": "claude-(opus"}}}]""")))
                .isEqualTo("config.json:6:125: Router.rules[0].when.model.regex: is not a valid regular expression:"
                        + " Unclosed group near index 12");
    }

    @Test
    void unknownKeysConditionsAndOperatorsAreErrors() {
        assertThat(rejection(withRules("""
                [{"name": "a", "target": "local,qwen", "priority": 1,
                  "when": {"modle": "x", "model": {"like": "claude%"}, "tokens": {"min": 1, "avg": 2}, "tools": {"min": 3}}}]""")))
                .isEqualTo(String.join("\n",
                        "config.json:6:109: Router.rules[0].priority: unknown key; a rule has name, when and target",
                        "config.json:7:21: Router.rules[0].when.modle: unknown condition; use model, tokens, thinking, tools,"
                                + " headers, user_id, format",
                        "config.json:7:44: Router.rules[0].when.model.like: unknown operator; use equals, in or regex",
                        "config.json:7:84: Router.rules[0].when.tokens.avg: unknown key; tokens takes a range"
                                + " {\"min\": …, \"max\": …}",
                        "config.json:7:105: Router.rules[0].when.tools.min: a range applies to tokens only; use equals,"
                                + " in or regex"));
    }

    @Test
    void aRuleTargetingAnUnknownProviderIsAnError() {
        assertThat(rejection(withRules("[{\"name\": \"a\", \"when\": {}, \"target\": \"groq,llama\"}]")))
                .isEqualTo("config.json:6:95: Router.rules[0].target: provider \"groq\" is not in Providers"
                        + " (known: deepseek, local)");
    }

    @Test
    void namesAreRequiredUniqueAndNotThoseOfBuiltInRoutes() {
        assertThat(rejection(withRules("""
                [{"when": {}, "target": "local,qwen"},
                 {"name": "fast", "when": {}, "target": "local,qwen"},
                 {"name": "Fast", "when": {}, "target": "local,qwen"},
                 {"name": "think", "when": {}, "target": "local,qwen"}]""")))
                .isEqualTo(String.join("\n",
                        "config.json:6:59: Router.rules[0]: a rule needs a \"name\"",
                        "config.json:8:11: Router.rules[2].name: \"Fast\" is the name of Router.rules[1] already",
                        "config.json:9:11: Router.rules[3].name: \"think\" names a built-in route; give the rule another name"));
    }

    @Test
    void wrongValuesSayWhatIsExpected() {
        assertThat(rejection(withRules("""
                [{"name": "a", "target": "local,qwen", "when": {"thinking": "maybe", "format": "grpc",
                  "tokens": {"min": 10, "max": 5}, "headers": ["x-team"], "user_id": 42, "model": []}},
                 {"name": "b", "target": "local,qwen"},
                 "c"]""")))
                .isEqualTo(String.join("\n",
                        "config.json:6:118: Router.rules[0].when.thinking: must be true or false, not \"maybe\"",
                        "config.json:6:137: Router.rules[0].when.format: \"grpc\" is not an API; use \"anthropic\" or \"openai\"",
                        "config.json:7:13: Router.rules[0].when.tokens: min 10 is above max 5",
                        "config.json:7:47: Router.rules[0].when.headers: must be an object of header names and conditions,"
                                + " like {\"x-team\": \"search\"}, not an array",
                        "config.json:7:70: Router.rules[0].when.user_id: must be a string, an array of strings, or"
                                + " {\"equals\"|\"in\"|\"regex\": …}, not a number",
                        "config.json:7:83: Router.rules[0].when.model: must list at least one value",
                        "config.json:8:2: Router.rules[1]: a rule needs \"when\": {conditions} ({} applies to every request)",
                        "config.json:9:2: Router.rules[2]: must be an object with name, when and target, not a string"));
    }
}
