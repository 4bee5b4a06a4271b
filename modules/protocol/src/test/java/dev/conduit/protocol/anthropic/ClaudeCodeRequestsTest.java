package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The real Claude Code requests of the conduit-testing module. That module is no dependency of
 * this one (the protocol module must stay at the bottom of the graph), so its resources are read
 * from the source tree; surefire runs in the module directory.
 */
class ClaudeCodeRequestsTest {

    private static final Path FIXTURES = Path.of("../testing/src/main/resources/dev/conduit/testing/claude-code");

    private static MessagesRequest read(String name) {
        Path file = FIXTURES.resolve(name);
        assertThat(file).as("fixture %s (run from modules/protocol)", file.toAbsolutePath()).isRegularFile();
        JsonNode capture = Json.MAPPER.readTree(file.toFile());
        return AnthropicRequestReader.read(capture.get("body"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cc-2.1.332-print-request.json",
        "cc-2.1.332-read-tool-followup-request.json",
        "cc-2.1.332-toolsearch-followup-request.json",
        "cc-2.1.332-interactive-turn-request.json",
        "cc-2.1.332-interactive-title-request.json"})
    void everyFixtureIsReadWithItsBillingBlockFirst(String name) {
        MessagesRequest request = read(name);

        assertThat(request.model()).isEqualTo("claude-opus-5-5");
        assertThat(request.maxTokens()).isEqualTo(128000);
        assertThat(request.stream()).isTrue();
        assertThat(request.system()).hasSize(3);
        assertThat(request.system().getFirst().text()).startsWith("x-anthropic-billing-header: cc_version=2.1.332.");
        assertThat(request.messages().getFirst().role()).isEqualTo(Role.USER);
    }

    @Test
    void fixturesCoverEveryFileInTheFixtureDirectory() throws Exception {
        try (var files = Files.list(FIXTURES)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted())
                    .containsExactly(
                            "cc-2.1.332-interactive-title-request.json",
                            "cc-2.1.332-interactive-turn-request.json",
                            "cc-2.1.332-print-request.json",
                            "cc-2.1.332-read-tool-followup-request.json",
                            "cc-2.1.332-toolsearch-followup-request.json");
        }
    }

    @Test
    void printRequestKeepsItsSystemMessageDeferredToolAndAdaptiveThinking() {
        MessagesRequest request = read("cc-2.1.332-print-request.json");

        assertThat(request.system().get(1).cacheControl().path("type").stringValue()).isEqualTo("ephemeral");
        assertThat(request.messages()).extracting(Message::role).containsExactly(Role.USER, Role.SYSTEM);
        assertThat(((ContentBlock.Text) request.messages().get(1).content().getFirst()).text()).startsWith("# Environment");
        assertThat(request.thinking()).isEqualTo(new Thinking.Adaptive());
        assertThat(request.tools()).hasSize(12);
        assertThat(request.tools()).filteredOn(Tool::deferLoading).extracting(Tool::name)
                .containsExactly("DeferredToolPlaceholder");
        assertThat(request.tools()).allMatch(tool -> tool.isClientTool() && tool.inputSchema().isObject());
        assertThat(request.userId()).isNotBlank();
    }

    @Test
    void readToolFollowUpHasTheCallAndItsResult() {
        List<Message> messages = read("cc-2.1.332-read-tool-followup-request.json").messages();

        assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.SYSTEM, Role.ASSISTANT, Role.USER);
        ContentBlock.ToolUse use = (ContentBlock.ToolUse) messages.get(2).content().getFirst();
        assertThat(use.id()).isEqualTo("call_mock_22");
        assertThat(use.name()).isEqualTo("Read");
        assertThat(use.input().path("file_path").stringValue()).isEqualTo("/home/dev/project/secret.txt");
        ContentBlock.ToolResult result = (ContentBlock.ToolResult) messages.get(3).content().getFirst();
        assertThat(result.toolUseId()).isEqualTo("call_mock_22");
        assertThat(result.content()).singleElement().isInstanceOf(ContentBlock.Text.class);
    }

    @Test
    void toolSearchFollowUpHasAToolReferenceInsideTheToolResult() {
        MessagesRequest request = read("cc-2.1.332-toolsearch-followup-request.json");

        List<ContentBlock> last = request.messages().getLast().content();
        assertThat(last.getFirst()).isEqualTo(new ContentBlock.ToolResult(
                "call_mock_26", List.of(new ContentBlock.ToolReference("WebFetch")), false));
        assertThat(last.get(1)).isInstanceOfSatisfying(ContentBlock.Text.class,
                text -> assertThat(text.text()).isEqualTo("Tool loaded."));
        assertThat(request.tools()).filteredOn(Tool::deferLoading).extracting(Tool::name)
                .containsExactly("WebFetch", "DeferredToolPlaceholder");
    }

    @Test
    void titleRequestHasNoToolsAndNoThinking() {
        MessagesRequest request = read("cc-2.1.332-interactive-title-request.json");

        assertThat(request.tools()).isEmpty();
        assertThat(request.thinking()).isNull();
        assertThat(request.messages()).singleElement().extracting(Message::role).isEqualTo(Role.USER);
    }
}
