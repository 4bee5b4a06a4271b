package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.WorkerEnvironment;
import dev.conduit.testing.ClaudeCodeFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conduit model --explain}: the route a request would take, and why, as a user reads it. */
class ModelExplainTest {

    @TempDir
    Path folder;

    private final InProcessConduit conduit = new InProcessConduit(() -> new WorkerEnvironment(Map.of(), home()));

    /** The user's home the command reads overrides from: a folder of this test, never the real one. */
    private Path home() {
        return folder.resolve("home");
    }

    private String config(String router) throws IOException {
        return Files.writeString(folder.resolve("config.json"), """
                {Providers: [
                   {name: 'deepseek', api_base_url: 'https://api.deepseek.com/chat/completions', models: ['deepseek-chat', 'deepseek-reasoner']},
                   {name: 'local', api_base_url: 'http://127.0.0.1:8080/v1/chat/completions', models: ['qwen']}],
                 Router: %s}""".formatted(router)).toString();
    }

    private String file(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text).toString();
    }

    @Test
    void aCapturedClaudeCodeRequestIsExplained() throws IOException {
        String config = config("{default: 'deepseek,deepseek-chat', think: 'deepseek,deepseek-reasoner',"
                + " fallback: {think: ['local,qwen']}}");
        String request = file("turn.json", ClaudeCodeFixtures.capture(ClaudeCodeFixtures.PRINT).toString());

        int code = conduit.run("model", "--explain", request, "--config", config);

        assertThat(code).isZero();
        assertThat(conduit.out()).isEqualTo("""
                route:    think
                target:   deepseek,deepseek-reasoner
                fallback: local,qwen
                session:  54ceb5aa-4743-4330-ad7f-728bb14976c8
                why:
                  explicit     no       model "claude-opus-5-5" is not "provider,model"
                  longContext  skipped  Router.longContext is not set
                  subagent     no       no <CCR-SUBAGENT-MODEL> tag in the system prompt
                  background   skipped  Router.background is not set
                  webSearch    skipped  Router.webSearch is not set
                  think        yes      thinking is adaptive → deepseek,deepseek-reasoner
                """);
    }

    @Test
    void aPlainBodyWithABalancedRouteAndASubagentTag() throws IOException {
        String config = config("{default: {targets: ['deepseek,deepseek-chat', 'local,qwen'], strategy: 'least-latency'}}");
        String request = file("body.json", """
                {"model": "claude-sonnet-4-5", "max_tokens": 100,
                 "system": [{"type": "text", "text": "You test.<CCR-SUBAGENT-MODEL>local,qwen</CCR-SUBAGENT-MODEL>"}],
                 "messages": [{"role": "user", "content": "hi"}]}""");

        assertThat(conduit.run("model", "--explain", request, "--config", config)).isZero();

        assertThat(conduit.out()).startsWith("""
                route:    subagent
                target:   local,qwen
                fallback: none
                removed:  <CCR-SUBAGENT-MODEL>local,qwen</CCR-SUBAGENT-MODEL> from system[0]
                """);
    }

    @Test
    void withoutARequestFileItIsAUsageError() throws IOException {
        assertThat(conduit.run("model", "--config", config("{default: 'deepseek,deepseek-chat'}"), "--explain")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit model: --explain needs a file\n"
                + "conduit model [list] [--json] [--config FILE]");
    }

    @Test
    void aRequestThatIsNotJsonOrNotValidFails() throws IOException {
        String config = config("{default: 'deepseek,deepseek-chat'}");
        String notJson = file("a.json", "{\"model\": ");
        String invalid = file("b.json", "{\"model\": \"m\", \"messages\": []}");

        assertThat(conduit.run("model", "--explain", notJson, "--config", config)).isEqualTo(1);
        assertThat(conduit.err()).startsWith(notJson + ": not JSON: ");

        assertThat(conduit.run("model", "--explain", invalid, "--config", config)).isEqualTo(1);
        assertThat(conduit.err()).isEqualTo(invalid + ": not a valid anthropic request: max_tokens: field required\n");
    }

    @Test
    void aRequestNoRouteCanServeFailsWithTheRoutersWords() throws IOException {
        String request = file("c.json", "{\"model\": \"groq,llama\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(conduit.run("model", "--explain", request, "--config", config("{default: 'deepseek,deepseek-chat'}"))).isEqualTo(1);
        assertThat(conduit.err()).isEqualTo(request + ": model \"groq,llama\": no provider named \"groq\""
                + " is configured (configured: deepseek, local)\n");
    }

    @Test
    void anInvalidConfigFailsWithItsPosition() throws IOException {
        String config = config("{default: 'deepseek,deepseek-chat', rules: [{name: 'x', when: {model: {regex: '('}}, target: 'local,qwen'}]}");
        String request = file("d.json", "{}");

        assertThat(conduit.run("model", "--explain", request, "--config", config)).isEqualTo(1);
        assertThat(conduit.err()).isEqualTo(config + ":4:88: Router.rules[0].when.model.regex: is not"
                + " a valid regular expression: Unclosed group near index 1\n");
    }

    @Test
    void aRuleThatMatchesIsNamedWithTheRulesBeforeIt() throws IOException {
        String config = config("{default: 'deepseek,deepseek-chat', rules: ["
                + "{name: 'openai-clients', when: {format: 'openai'}, target: 'local,qwen'},"
                + "{name: 'sonnet', when: {model: {regex: '^claude-sonnet'}}, target: 'deepseek,deepseek-reasoner'}]}");
        String request = file("e.json", "{\"model\": \"claude-sonnet-4-5\", \"max_tokens\": 5, "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(conduit.run("model", "--explain", request, "--config", config)).isZero();

        assertThat(conduit.out()).isEqualTo("""
                route:    sonnet (rule)
                target:   deepseek,deepseek-reasoner
                fallback: none
                why:
                  explicit               no       model "claude-sonnet-4-5" is not "provider,model"
                  rule "openai-clients"  no       format: the request came in as anthropic
                  rule "sonnet"          yes      its condition holds → deepseek,deepseek-reasoner
                """);
    }

    @Test
    void aProjectsRouterFileIsReadFromTheUsersHome() throws IOException {
        String session = "54ceb5aa-4743-4330-ad7f-728bb14976c8";
        Path project = Files.createDirectories(home().resolve(".claude/projects/-home-dev-app"));
        Files.writeString(project.resolve(session + ".jsonl"), "{}\n");
        Path routerFolder = Files.createDirectories(home().resolve(".claude-code-router/-home-dev-app"));
        Path projectConfig = Files.writeString(routerFolder.resolve("config.json"), "{Router: {default: 'local,qwen'}}");
        String config = config("{default: 'deepseek,deepseek-chat'}");
        String request = file("turn.json", ClaudeCodeFixtures.capture(ClaudeCodeFixtures.PRINT).toString());

        assertThat(conduit.run("model", "--explain", request, "--config", config)).isZero();

        assertThat(conduit.out()).contains("target:   local,qwen\n")
                .contains("session:  " + session + " (Router from " + projectConfig + ")\n");
    }

    @Test
    void aMissingRequestFileFailsSayingSo() throws IOException {
        String config = config("{default: 'deepseek,deepseek-chat'}");
        Path missing = folder.resolve("missing.json");

        assertThat(conduit.run("model", "--explain", missing.toString(), "--config", config)).isEqualTo(1);

        assertThat(conduit.err()).isEqualTo(missing + ": no such file\n");
        assertThat(conduit.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(conduit.run("model", "--explain", "x.json", "--verbose")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit model: unknown option --verbose\n");
    }

    @Test
    void aCapturesCredentialsAreNeverSeenByRules() throws IOException {
        String config = config("{default: 'deepseek,deepseek-chat', rules: ["
                + "{name: 'by-key', when: {headers: {'x-api-key': {regex: '.'}}}, target: 'local,qwen'}]}");
        String request = file("f.json", """
                {"path": "/v1/messages", "headers": {"X-Api-Key": "sk-ant-secret-0123456789", "x-team": "a"},
                 "body": {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}}""");

        assertThat(conduit.run("model", "--explain", request, "--config", config)).isZero();

        assertThat(conduit.out()).contains("rule \"by-key\"  no       header x-api-key is absent")
                .doesNotContain("sk-ant-secret");
    }
}
