package dev.conduit.server;

import static dev.conduit.server.RoutingTest.modelReached;
import static dev.conduit.server.RoutingTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * claude-code-router's project and session overrides, read where it reads them under the user's
 * home (here the gateway's own folder): {@code ~/.claude-code-router/<project>/config.json} and
 * {@code <project>/<session>.json}, the project being the folder of {@code ~/.claude/projects}
 * that holds the session's transcript.
 */
class RoutingOverridesTest {

    private static final String PROJECT = "-home-dev-app";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'background', api_base_url: '{upstream}', models: ['bg-model']},
            {name: 'project', api_base_url: '{upstream}', models: ['project-model']},
            {name: 'session', api_base_url: '{upstream}', models: ['session-model']},
            """, "{default: 'mock,mock-model', background: 'background,bg-model'}");

    /** Claude Code's transcript of the session, which tells the session's project. */
    private static void transcript(String session) throws IOException {
        Path project = Files.createDirectories(gateway.home().resolve(".claude/projects").resolve(PROJECT));
        Files.writeString(project.resolve(session + ".jsonl"), "{\"type\":\"user\"}\n");
    }

    private static void routerFile(String name, String text) throws IOException {
        Path folder = Files.createDirectories(gateway.home().resolve(".claude-code-router").resolve(PROJECT));
        Files.writeString(folder.resolve(name), text);
    }

    private static String modelFor(String model, String session) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":100,\"metadata\":{\"user_id\":\"user_1_account__session_"
                + session + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return modelReached(gateway, post(gateway, "/v1/messages", body));
    }

    @Test
    void theProjectsRouterServesItsSessionsAndOnlyThem() throws Exception {
        transcript("s-project");
        routerFile("config.json", "{Router: {default: 'project,project-model'}}");

        assertThat(modelFor("claude-sonnet-4-5", "s-project")).isEqualTo("project-model");
        assertThat(modelFor("claude-sonnet-4-5", "s-elsewhere")).isEqualTo("mock-model");
    }

    @Test
    void aSessionsOwnFileWinsOverItsProjects() throws Exception {
        transcript("s-own");
        routerFile("config.json", "{Router: {default: 'project,project-model'}}");
        routerFile("s-own.json", "{Router: {default: 'session,session-model'}}");

        assertThat(modelFor("claude-sonnet-4-5", "s-own")).isEqualTo("session-model");
    }

    @Test
    void backgroundAlwaysComesFromTheConfigAsInClaudeCodeRouter() throws Exception {
        transcript("s-haiku");
        routerFile("s-haiku.json", "{Router: {default: 'session,session-model', background: 'session,session-model'}}");

        assertThat(modelFor("claude-haiku-4-5", "s-haiku")).isEqualTo("bg-model");
    }

    @Test
    void anInvalidSessionFileIsIgnoredForTheProjects() throws Exception {
        transcript("s-broken");
        routerFile("config.json", "{Router: {default: 'project,project-model'}}");
        routerFile("s-broken.json", "{Router: {default: 'nowhere,none'}}");

        assertThat(modelFor("claude-sonnet-4-5", "s-broken")).isEqualTo("project-model");
    }
}
