package dev.conduit.routing;

import static dev.conduit.routing.Routing.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.InboundApi;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which session a request belongs to, and the project or session Router that replaces the config's for it. */
class SessionsTest {

    @Test
    void theSessionComesFromUserIdInEitherFormElseFromClaudeCodesHeader() {
        assertThat(SessionIds.of("user_7f3a_account__session_0d9e-11", Map.of())).contains("0d9e-11");
        assertThat(SessionIds.of("user_a_session_b_session_c", Map.of())).contains("b");
        assertThat(SessionIds.of("{\"device_id\":\"baa9\",\"account_uuid\":\"\",\"session_id\":\"6c2c034d\"}", Map.of()))
                .contains("6c2c034d");
        assertThat(SessionIds.of(null, Map.of("x-claude-code-session-id", "54ceb5aa"))).contains("54ceb5aa");
        assertThat(SessionIds.of("alice", Map.of())).isEmpty();
        assertThat(SessionIds.of("{not json", Map.of())).isEmpty();
        assertThat(SessionIds.of("{ \"session_id\" :\t\"spaced\" }", Map.of())).contains("spaced");
        assertThat(SessionIds.of("{\"session_id\":\"a\\u0062c\"}", Map.of())).as("escaped").contains("abc");
        assertThat(SessionIds.of("{\"session_id\":7}", Map.of("x-claude-code-session-id", "h"))).contains("h");
    }

    private static final ConduitConfig CONFIG = config("""
            {default: 'deepseek,deepseek-chat', background: 'local,qwen', think: 'deepseek,deepseek-reasoner'}""");

    private static final SessionRouters PROJECT = session -> session.equals("s1")
            ? Optional.of(new SessionRouters.SessionRouter(config("""
                    {think: 'openrouter,google/gemini-2.5-pro', background: 'local,llava'}""").router(), "/p/s1.json"))
            : Optional.empty();

    private static RouteDecision route(String session, String model, String fields) {
        Router router = new Router(CONFIG, TokenCounter.cl100k(), PROJECT, new SessionUsage());
        return router.route(new RouteRequest(Routing.request(model, fields), InboundApi.ANTHROPIC,
                Map.of("x-claude-code-session-id", session), -1));
    }

    @Test
    void aSessionsRouterReplacesTheConfigs() {
        RouteDecision decision = route("s1", "claude-sonnet-4-5", "\"thinking\":{\"type\":\"adaptive\"},");

        assertThat(decision.target().toString()).isEqualTo("openrouter,google/gemini-2.5-pro");
        assertThat(decision.routerSource()).contains("/p/s1.json");
    }

    @Test
    void otherSessionsKeepTheConfigsRouter() {
        RouteDecision decision = route("s2", "claude-sonnet-4-5", "\"thinking\":{\"type\":\"adaptive\"},");

        assertThat(decision.target().toString()).isEqualTo("DeepSeek,deepseek-reasoner");
        assertThat(decision.routerSource()).isEmpty();
    }

    @Test
    void backgroundAlwaysComesFromTheConfigAsInClaudeCodeRouter() {
        assertThat(route("s1", "claude-haiku-4-5", "").target().toString()).isEqualTo("local,qwen");
    }

    @Test
    void anOverrideWithoutDefaultFallsBackToTheConfigsDefault() {
        assertThat(route("s1", "claude-sonnet-4-5", "").target().toString()).isEqualTo("DeepSeek,deepseek-chat");
    }
}
