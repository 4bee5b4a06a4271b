package dev.conduit.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The case language itself: a difference anywhere is reported, with its path; placeholders match what they say. */
class ConformanceMatcherTest {

    private static JsonNode json(String text) {
        return ConformanceCase.JSON5.readTree(text);
    }

    private static List<String> exact(String expected, String actual) {
        return JsonExpect.exact(json(expected), json(actual), "$");
    }

    @Test
    void equalTreesMatchAndEveryDifferenceIsNamedByItsPath() {
        assertThat(exact("{a: 1, b: [1, 'x']}", "{\"b\": [1.0, \"x\"], \"a\": 1}")).isEmpty();
        assertThat(exact("{a: 1, b: [1, 'x']}", "{\"a\": 2, \"b\": [1, \"y\", 3], \"c\": null}")).containsExactlyInAnyOrder(
                "$.a: expected 1, got 2",
                "$.b: expected 2 elements, got 3: [1,\"y\",3]",
                "$.b[1]: expected \"x\", got \"y\"",
                "$.c: unexpected, got null");
        assertThat(exact("{a: {b: 'x'}}", "{\"a\": {}}")).containsExactly("$.a.b: missing, expected \"x\"");
    }

    @Test
    void subsetModeIgnoresUnlistedMembersButNotArrayLengths() {
        assertThat(JsonExpect.subset(json("{a: {b: 1}}"), json("{\"a\": {\"b\": 1, \"c\": 2}, \"d\": 3}"), "$")).isEmpty();
        assertThat(JsonExpect.subset(json("{a: [{b: 1}]}"), json("{\"a\": [{\"b\": 1}, {\"b\": 2}]}"), "$")).hasSize(1);
    }

    @Test
    void placeholdersMatchWhatTheySay() {
        assertThat(exact("{id: '<any>', x: '<absent>', m: '<re:msg_[a-z]+>'}", "{\"id\": 7, \"m\": \"msg_abc\"}")).isEmpty();
        assertThat(exact("{id: '<any>'}", "{}")).containsExactly("$.id: missing");
        assertThat(exact("{x: '<absent>'}", "{\"x\": null}")).hasSize(1);
        assertThat(exact("{m: '<re:msg_[a-z]+>'}", "{\"m\": \"msg_ABC\"}")).hasSize(1);
        assertThat(exact("{a: {'<json>': {city: 'Paris'}}}", "{\"a\": \"{\\\"city\\\": \\\"Paris\\\"}\"}")).isEmpty();
        assertThat(exact("{a: {'<json>': {city: 'Paris'}}}", "{\"a\": \"{\\\"city\\\": \\\"Rome\\\"}\"}")).hasSize(1);
        assertThat(exact("{a: {'<size>': 2}}", "{\"a\": [1, 2]}")).isEmpty();
        assertThat(exact("{a: {'<contains>': [2]}, b: {'<excludes>': [3]}}", "{\"a\": [1, 2], \"b\": [1, 2]}")).isEmpty();
        assertThat(exact("{a: {'<contains>': [3]}, b: {'<excludes>': [2]}}", "{\"a\": [1, 2], \"b\": [1, 2]}")).hasSize(2);
    }

    @Test
    void aStreamThatEndsCleanlyAfterAnErrorBreaksTheGrammar() {
        ClientStream stream = ClientStream.parse("""
                event: message_start
                data: {"type":"message_start","message":{}}

                event: error
                data: {"type":"error","error":{"type":"api_error","message":"x"}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        stream.checkAnthropic();
        assertThat(stream.problems).contains("events follow the error event", "message_stop without message_delta");
    }

    @Test
    void overlappingBlocksAndSkippedIndicesBreakTheGrammar() {
        ClientStream stream = ClientStream.parse("""
                event: message_start
                data: {"type":"message_start","message":{}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_start
                data: {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}}

                """);
        stream.checkAnthropic();
        assertThat(stream.problems).contains("block 2 starts while block 0 is open", "block index 2 where 1 was due");
    }
}
