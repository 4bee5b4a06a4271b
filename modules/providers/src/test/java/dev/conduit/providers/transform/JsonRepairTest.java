package dev.conduit.providers.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonRepairTest {

    private static void repairs(String broken, String repaired) {
        assertThat(JsonRepair.repairedText(broken)).as(broken).isEqualTo(repaired);
    }

    @Test
    void trailingCommasAreDropped() {
        repairs("{\"a\": 1, \"b\": [1, 2,],}", "{\"a\":1,\"b\":[1,2]}");
    }

    @Test
    void whatACutAnswerLeftOpenIsClosed() {
        repairs("{\"command\": \"ls -la\", \"timeout\":", "{\"command\":\"ls -la\",\"timeout\":null}");
        repairs("{\"file_path\": \"/tmp/a.t", "{\"file_path\":\"/tmp/a.t\"}");
        repairs("{\"edits\": [{\"old\": \"x\", \"new\": \"y\"", "{\"edits\":[{\"old\":\"x\",\"new\":\"y\"}]}");
        repairs("{\"recursive\": tru", "{\"recursive\":true}");
        repairs("{\"limit\": 1.", "{\"limit\":1}");
        repairs("{\"ratio\": 2.5e", "{\"ratio\":2.5}");
    }

    @Test
    void singleQuotesAndUnquotedKeysBecomeJson() {
        repairs("{'path': 'it\\'s here'}", "{\"path\":\"it's here\"}");
        repairs("{path: \"/tmp\", limit: 10}", "{\"path\":\"/tmp\",\"limit\":10}");
    }

    @Test
    void pythonLiteralsBecomeJsonOnes() {
        repairs("{\"a\": True, \"b\": False, \"c\": None}", "{\"a\":true,\"b\":false,\"c\":null}");
    }

    @Test
    void aValueLeftOutIsNull() {
        repairs("{\"a\": , \"b\": 2}", "{\"a\":null,\"b\":2}");
        repairs("{\"a\": }", "{\"a\":null}");
    }

    @Test
    void fencesAndTextAroundTheObjectAreDropped() {
        repairs("```json\n{\"a\": 1,}\n```", "{\"a\":1}");
        repairs("Sure! {\"a\": \"b\",}", "{\"a\":\"b\"}");
    }

    @Test
    void escapesAndNewlinesInStringsSurvive() {
        repairs("{\"s\": \"line\\nnext \\u00e9\", }", "{\"s\":\"line\\nnext é\"}");
        repairs("{\"s\": \"raw\nnewline\"", "{\"s\":\"raw\\nnewline\"}");
    }

    @Test
    void nestingDeeperThanAnyRequestMayBeIsCutOffInsteadOfOverflowingTheStack() {
        String deep = "{\"a\": " + "[".repeat(100_000);

        assertThat(JsonRepair.repair(deep)).isPresent();
    }

    @Test
    void validJsonIsLeftExactlyAsItWas() {
        String valid = "{ \"a\" : 1.50,\n \"b\": \"x\" }";

        assertThat(JsonRepair.repairedText(valid)).isSameAs(valid);
    }

    @Test
    void textWithoutAnObjectStaysAsWritten() {
        assertThat(JsonRepair.repairedText("no arguments here")).isEqualTo("no arguments here");
        assertThat(JsonRepair.repair("")).isEmpty();
    }
}
