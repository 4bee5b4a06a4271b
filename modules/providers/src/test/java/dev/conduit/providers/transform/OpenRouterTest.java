package dev.conduit.providers.transform;

import static dev.conduit.providers.transform.Gateway.json;
import static dev.conduit.testing.OpenAiChunks.chunk;
import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.toolCallStart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** openrouter: cleaned messages, routing options, the web plugin, and OpenRouter's answers made plain. */
class OpenRouterTest {

    private static final String OPENROUTER = "{\"use\": [\"openrouter\"]}";
    private static final String ANSWER = OpenAiChunks.completion("Hello.", "stop", 5, 2);
    private static final String SEARCH = """
            {"model":"claude","max_tokens":1024,"messages":[{"role":"user","content":"Who won yesterday?"}],
             "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}]}""";

    @Test
    void messagesAreCleanedAndTheOptionsApplied() throws Exception {
        try (Gateway gateway = new Gateway("""
                {"use": [["openrouter", {"provider": {"only": ["moonshotai/fp8"]}, "referer": "https://example.com",
                                         "title": "My tool", "providerOrder": ["moonshotai"]}]]}""", "moonshotai/kimi-k2")) {
            gateway.replyJson(ANSWER).completeOpenAi("moonshotai/kimi-k2", """
                    {"model":"x","messages":[
                      {"role":"system","content":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}]},
                      {"role":"user","content":[{"type":"text","text":" "},{"type":"text","text":"Read a.txt"}]},
                      {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function",
                        "function":{"name":"Read","arguments":"{}"}}]},
                      {"role":"tool","tool_call_id":"c1","content":""},
                      {"role":"user","content":""}]}""");

            RecordedRequest request = gateway.received();
            assertThat(request.body()).isEqualTo(json("""
                    {"model":"moonshotai/kimi-k2","provider":{"only":["moonshotai/fp8"],"order":["moonshotai"]},"messages":[
                      {"role":"system","content":[{"type":"text","text":"Be brief."}]},
                      {"role":"user","content":[{"type":"text","text":"Read a.txt"}]},
                      {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                        "function":{"name":"Read","arguments":"{}"}}]},
                      {"role":"tool","tool_call_id":"c1","content":""}]}"""));
            assertThat(request.header("HTTP-Referer")).isEqualTo("https://example.com");
            assertThat(request.header("X-Title")).isEqualTo("My tool");
        }
    }

    @Test
    void claudeModelsKeepTheirCacheControl() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "anthropic/claude-sonnet-4.5")) {
            String cached = "[{\"type\":\"text\",\"text\":\"Hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]";
            gateway.replyJson(ANSWER).completeOpenAi("anthropic/claude-sonnet-4.5",
                    "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":" + cached + "}]}");

            assertThat(gateway.received().body().get("messages").get(0).get("content")).isEqualTo(json(cached));
        }
    }

    @Test
    void anthropicsWebSearchToolTurnsOnOpenRoutersWebPlugin() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "google/gemini-2.5-flash")) {
            gateway.replyJson(ANSWER).complete("google/gemini-2.5-flash", SEARCH);
            JsonNode body = gateway.received().body();
            assertThat(body.get("plugins")).isEqualTo(json("[{\"id\":\"web\"}]"));
            assertThat(body.has("tools")).isFalse(); // server tools are never sent as functions

            gateway.replyJson(ANSWER).complete("google/gemini-2.5-flash", SEARCH.replace("web_search_20250305", "bash_20250124")
                    .replace("\"name\":\"web_search\"", "\"name\":\"bash\""));
            assertThat(gateway.received().body().has("plugins")).isFalse();
        }
    }

    @Test
    void aClientsThinkingBecomesOpenRoutersReasoningOption() throws Exception {
        String ask = "{\"model\":\"claude\",\"max_tokens\":8000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
        try (Gateway gateway = new Gateway(OPENROUTER, "anthropic/claude-sonnet-4.5")) {
            gateway.replyJson(ANSWER).complete("anthropic/claude-sonnet-4.5",
                    ask + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000}}");
            assertThat(gateway.received().body().get("reasoning")).isEqualTo(json("{\"max_tokens\":4000}"));

            gateway.replyJson(ANSWER).complete("anthropic/claude-sonnet-4.5", ask + ",\"thinking\":{\"type\":\"adaptive\"}}");
            assertThat(gateway.received().body().get("reasoning")).isEqualTo(json("{\"enabled\":true}"));

            gateway.replyJson(ANSWER).complete("anthropic/claude-sonnet-4.5", ask + ",\"thinking\":{\"type\":\"disabled\"}}");
            assertThat(gateway.received().body().has("reasoning")).isFalse();

            gateway.replyJson(ANSWER).complete("anthropic/claude-sonnet-4.5", ask + "}");
            assertThat(gateway.received().body().has("reasoning")).isFalse();
        }
    }

    @Test
    void aConfiguredReasoningOptionWinsAndForwardedRequestsKeepTheirOwn() throws Exception {
        try (Gateway gateway = new Gateway("{\"use\": [[\"openrouter\", {\"reasoning\": {\"effort\": \"low\"}}]]}",
                "anthropic/claude-sonnet-4.5")) {
            gateway.replyJson(ANSWER).complete("anthropic/claude-sonnet-4.5", """
                    {"model":"claude","max_tokens":8000,"thinking":{"type":"enabled","budget_tokens":4000},
                     "messages":[{"role":"user","content":"Hi"}]}""");
            assertThat(gateway.received().body().get("reasoning")).isEqualTo(json("{\"effort\":\"low\"}"));
        }
        try (Gateway gateway = new Gateway(OPENROUTER, "anthropic/claude-sonnet-4.5")) {
            gateway.replyJson(ANSWER).completeOpenAi("anthropic/claude-sonnet-4.5", """
                    {"model":"x","reasoning_effort":"high","messages":[{"role":"user","content":"Hi"}]}""");
            JsonNode body = gateway.received().body();
            assertThat(body.has("reasoning")).isFalse();
            assertThat(body.get("reasoning_effort").stringValue()).isEqualTo("high");
        }
    }

    @Test
    void citationsOfAWholeAnswerBecomeWebSearchResultsBeforeTheText() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "google/gemini-2.5-flash")) {
            MessagesResponse response = gateway.replyJson("""
                    {"id":"gen-1","model":"google/gemini-2.5-flash","choices":[{"index":0,"finish_reason":"stop",
                     "message":{"role":"assistant","content":"Team A won [1].","annotations":[
                       {"type":"url_citation","url_citation":{"url":"https://news.example/a","title":"Match report",
                        "start_index":10,"end_index":13}},
                       {"type":"url_citation","url_citation":{"url":"https://news.example/b","title":"Scores"}}]}}]}""")
                    .complete("google/gemini-2.5-flash", SEARCH);

            List<ContentBlock> content = response.content();
            assertThat(content).hasSize(3);
            ContentBlock.Unknown call = (ContentBlock.Unknown) content.get(0);
            String id = call.raw().get("id").stringValue();
            assertThat(id).startsWith("srvtoolu_");
            assertThat(call.raw()).isEqualTo(json("""
                    {"type":"server_tool_use","id":"%s","name":"web_search","input":{"query":""}}""".formatted(id)));
            assertThat(((ContentBlock.Unknown) content.get(1)).raw()).isEqualTo(json("""
                    {"type":"web_search_tool_result","tool_use_id":"%s","content":[
                      {"type":"web_search_result","url":"https://news.example/a","title":"Match report",
                       "encrypted_content":"","page_age":null},
                      {"type":"web_search_result","url":"https://news.example/b","title":"Scores",
                       "encrypted_content":"","page_age":null}]}""".formatted(id)));
            assertThat(content.get(2)).isEqualTo(new ContentBlock.Text("Team A won [1]."));
        }
    }

    @Test
    void streamedCitationsArriveAsWholeBlocksWhereTheyCame() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "google/gemini-2.5-flash")) {
            gateway.replySse(textChunk("Team A won."), chunk("""
                    {"content":"","annotations":[{"type":"url_citation",\
                    "url_citation":{"url":"https://news.example/a","title":"Match report"}}]}""", null),
                    finishChunk("stop"));

            List<String> events = gateway.stream("google/gemini-2.5-flash", SEARCH.replace("\"max_tokens\"",
                    "\"stream\":true,\"max_tokens\""));

            assertThat(events.get(4)).isEqualTo("{\"type\":\"content_block_stop\",\"index\":0}");
            assertThat(events.get(5)).startsWith("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                    + "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_");
            assertThat(events.get(6)).isEqualTo("{\"type\":\"content_block_stop\",\"index\":1}");
            assertThat(events.get(7)).startsWith("{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
                    + "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_").endsWith("\"content\":[{\"type\":"
                    + "\"web_search_result\",\"url\":\"https://news.example/a\",\"title\":\"Match report\","
                    + "\"encrypted_content\":\"\",\"page_age\":null}]}}");
            assertThat(events.get(8)).isEqualTo("{\"type\":\"content_block_stop\",\"index\":2}");
            assertThat(events.get(9)).contains("\"stop_reason\":\"end_turn\"");
        }
    }

    @Test
    void reasoningDetailsBecomeThinking() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "openai/gpt-5")) {
            gateway.replySse(chunk("{\"reasoning_details\":[{\"type\":\"reasoning.summary\",\"summary\":\"Weighing options.\"}]}",
                    null), chunk("{\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"data\":\"opaque\"}]}", null),
                    textChunk("Done."), finishChunk("stop"));

            List<String> events = gateway.stream("openai/gpt-5", "{\"model\":\"claude\",\"max_tokens\":1024,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertThat(events.subList(2, 8)).containsExactly(
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
                            + "\"signature\":\"\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\","
                            + "\"thinking\":\"Weighing options.\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"\"}}",
                    "{\"type\":\"content_block_stop\",\"index\":0}",
                    "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Done.\"}}");
        }
    }

    @Test
    void aWholeAnswersReasoningDetailsBecomeThinking() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "openai/gpt-5")) {
            MessagesResponse response = gateway.replyJson("""
                    {"id":"gen-3","model":"openai/gpt-5","choices":[{"index":0,"finish_reason":"stop","message":{
                     "role":"assistant","content":"Done.","reasoning_details":[
                       {"type":"reasoning.text","text":"First, "},{"type":"reasoning.text","text":"check."}]}}]}""")
                    .complete("openai/gpt-5", "{\"model\":\"claude\",\"max_tokens\":1024,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertThat(response.content()).containsExactly(new ContentBlock.Thinking("First, check.", ""),
                    new ContentBlock.Text("Done."));
        }
    }

    @Test
    void anOpenAiClientGetsTheAnnotationsAsOpenRouterSentThem() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "google/gemini-2.5-flash")) {
            String annotations = """
                    [{"type":"url_citation","url_citation":{"url":"https://news.example/a","title":"Match report"}}]""";
            JsonNode answer = gateway.replyJson("""
                    {"id":"gen-1","model":"google/gemini-2.5-flash","choices":[{"index":0,"finish_reason":"stop",
                     "message":{"role":"assistant","content":"Team A won.","annotations":%s}}]}""".formatted(annotations))
                    .completeOpenAi("google/gemini-2.5-flash", """
                            {"model":"x","messages":[{"role":"user","content":"Who won?"}],"plugins":[{"id":"web"}]}""");

            assertThat(answer.get("choices").get(0).get("message").get("annotations")).isEqualTo(json(annotations));
            assertThat(gateway.received().body().get("plugins")).isEqualTo(json("[{\"id\":\"web\"}]"));
        }
    }

    @Test
    void numericToolCallIdsBecomeUniqueIdsKeptAcrossFragments() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "moonshotai/kimi-k2")) {
            gateway.replySse(toolCallStart(0, "0", "Read"), chunk(
                    "{\"tool_calls\":[{\"index\":0,\"id\":\"0\",\"function\":{\"arguments\":\"{\\\"path\\\":\\\"a.txt\\\"}\"}}]}", null),
                    finishChunk("tool_calls"));

            List<String> events = gateway.stream("moonshotai/kimi-k2", "{\"model\":\"claude\",\"max_tokens\":1024,"
                    + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Read a.txt\"}],"
                    + "\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}]}");

            List<String> starts = events.stream().filter(event -> event.contains("\"content_block_start\"")).toList();
            assertThat(starts).singleElement().asString().matches(
                    ".*\"type\":\"tool_use\",\"id\":\"call_[0-9A-Za-z]{24}\",\"name\":\"Read\".*");
            assertThat(events).contains("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                    + "\"input_json_delta\",\"partial_json\":\"{\\\"path\\\":\\\"a.txt\\\"}\"}}");
        }
    }

    @Test
    void anErrorFinishIsReportedAsAnErrorNotAsAnAnswer() throws Exception {
        try (Gateway gateway = new Gateway(OPENROUTER, "moonshotai/kimi-k2")) {
            gateway.replySse(textChunk("Partial"), """
                    {"id":"gen-2","object":"chat.completion.chunk","model":"moonshotai/kimi-k2","choices":[{"index":0,\
                    "delta":{},"finish_reason":"error","error":{"code":502,"message":"Upstream provider overloaded"}}]}""");

            List<String> events = gateway.stream("moonshotai/kimi-k2", "{\"model\":\"claude\",\"max_tokens\":1024,"
                    + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertThat(events.getLast()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                    + "\"provider p (model moonshotai/kimi-k2) reported an error: Upstream provider overloaded\"}}");
            assertThat(events).noneMatch(event -> event.contains("message_stop"));
        }
    }
}
