package dev.conduit.server;

import static dev.conduit.server.RoutingTest.modelReached;
import static dev.conduit.server.RoutingTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Router.rules} through a real worker: each condition and operator, the first rule that
 * holds wins, rules come after an explicit target and before claude-code-router's scenarios.
 */
class RoutingRulesTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'a', api_base_url: '{upstream}', models: ['a-model']},
            {name: 'b', api_base_url: '{upstream}', models: ['b-model']},
            {name: 'c', api_base_url: '{upstream}', models: ['c-model']},
            {name: 'd', api_base_url: '{upstream}', models: ['d-model']},
            {name: 'e', api_base_url: '{upstream}', models: ['e-model']},
            {name: 'f', api_base_url: '{upstream}', models: ['f-model']},
            {name: 'thinker', api_base_url: '{upstream}', models: ['think-model']},
            """, """
            {default: 'mock,mock-model', think: 'thinker,think-model', rules: [
              {name: 'exact-model', when: {model: {equals: 'gpt-4o'}}, target: 'a,a-model'},
              {name: 'listed-users', when: {user_id: {in: ['user_alice', 'user_bob']}}, target: 'b,b-model'},
              {name: 'ml-teams', when: {headers: {'X-Team': {regex: '^ml-'}}}, target: 'c,c-model'},
              {name: 'mid-size', when: {tokens: {min: 2000, max: 5000}}, target: 'd,d-model'},
              {name: 'openai-thinkers', when: {thinking: true, format: 'openai'}, target: 'e,e-model'},
              {name: 'shell-users', when: {tools: ['Bash', 'PowerShell']}, target: 'f,f-model'},
            ]}""");

    private static String anthropic(String model, String extra, String content, String... headers) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":2048," + extra
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
        return modelReached(gateway, post(gateway, "/v1/messages", body, headers));
    }

    private static String openAi(String model, String extra) throws Exception {
        String body = "{\"model\":\"" + model + "\"," + extra + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return modelReached(gateway, post(gateway, "/v1/chat/completions", body));
    }

    private static String user(String id) {
        return "\"metadata\":{\"user_id\":\"" + id + "\"},";
    }

    @Test
    void equalsMatchesTheWholeModelName() throws Exception {
        assertThat(anthropic("gpt-4o", "", "hi")).isEqualTo("a-model");
        assertThat(anthropic("gpt-4o-mini", "", "hi")).isEqualTo("mock-model");
    }

    @Test
    void inMatchesAnyOfItsValues() throws Exception {
        assertThat(anthropic("claude-sonnet-4-5", user("user_bob"), "hi")).isEqualTo("b-model");
        assertThat(anthropic("claude-sonnet-4-5", user("user_carol"), "hi")).isEqualTo("mock-model");
        assertThat(openAi("claude-sonnet-4-5", "\"user\":\"user_alice\",")).as("OpenAI's user").isEqualTo("b-model");
    }

    @Test
    void regexIsSearchedInTheHeaderValue() throws Exception {
        assertThat(anthropic("claude-sonnet-4-5", "", "hi", "x-team", "ml-vision")).isEqualTo("c-model");
        assertThat(anthropic("claude-sonnet-4-5", "", "hi", "X-Team", "team-ml")).isEqualTo("mock-model");
        assertThat(anthropic("claude-sonnet-4-5", "", "hi")).as("no header").isEqualTo("mock-model");
    }

    @Test
    void aTokenRangeHoldsBetweenItsBounds() throws Exception {
        assertThat(anthropic("claude-sonnet-4-5", "", " hello".repeat(3_000))).isEqualTo("d-model");
        assertThat(anthropic("claude-sonnet-4-5", "", " hello".repeat(1_500))).isEqualTo("mock-model");
        assertThat(anthropic("claude-sonnet-4-5", "", " hello".repeat(6_000))).isEqualTo("mock-model");
    }

    @Test
    void thinkingAndTheInboundFormatTogether() throws Exception {
        assertThat(openAi("gpt-5", "\"reasoning_effort\":\"high\",")).isEqualTo("e-model");
        assertThat(openAi("gpt-5", "")).as("no thinking").isEqualTo("mock-model");
        assertThat(anthropic("claude-sonnet-4-5", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},", "hi"))
                .as("thinking from an Anthropic client takes the think route").isEqualTo("think-model");
    }

    @Test
    void aToolMatchesByName() throws Exception {
        String bash = "\"tools\":[{\"name\":\"Bash\",\"description\":\"Runs a command\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{}}}],";

        assertThat(anthropic("claude-sonnet-4-5", bash, "ls")).isEqualTo("f-model");
        assertThat(anthropic("claude-sonnet-4-5", bash.replace("Bash", "Read"), "ls")).isEqualTo("mock-model");
    }

    @Test
    void theFirstRuleThatHoldsWins() throws Exception {
        assertThat(anthropic("gpt-4o", user("user_alice"), "hi", "x-team", "ml-ops")).isEqualTo("a-model");
        assertThat(anthropic("gpt-4", user("user_alice"), "hi", "x-team", "ml-ops")).isEqualTo("b-model");
    }

    @Test
    void anExplicitTargetBeatsTheRules() throws Exception {
        assertThat(anthropic("mock,other-model", user("user_alice"), "hi")).isEqualTo("Other-Model");
    }
}
