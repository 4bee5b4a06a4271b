package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeminiSchemasTest {

    private static void cleans(String schema, String expected) {
        assertThat(GeminiSchemas.clean(json(schema))).isEqualTo(json(expected));
    }

    @Test
    void everythingGeminiAcceptsIsKept() {
        String schema = """
                {"type":"object","title":"Args","description":"d","minProperties":1,"maxProperties":3,
                 "propertyOrdering":["s","n"],"required":["s"],
                 "properties":{
                   "s":{"type":"string","minLength":1,"maxLength":9,"pattern":"^a","format":"date-time",
                        "enum":["a","b"],"default":"a","example":"b","nullable":true},
                   "n":{"type":"number","minimum":0,"maximum":1.5,"format":"double"},
                   "l":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"integer","format":"int64"}}}}""";
        cleans(schema, schema);
    }

    @Test
    void whatGeminiRejectsIsDropped() {
        cleans("""
                {"$schema":"http://json-schema.org/draft-07/schema#","$id":"x","type":"object","additionalProperties":false,
                 "properties":{"n":{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":9,"multipleOf":2},
                               "u":{"type":"array","uniqueItems":true,"items":{"type":"string"},"examples":[["a"]]},
                               "m":{"type":"object","propertyNames":{"pattern":"^x"},"additionalProperties":{"type":"string"}},
                               "f":{"type":"string","format":"uri"}}}""", """
                {"type":"object","properties":{"n":{"type":"integer"},"u":{"type":"array","items":{"type":"string"}},
                 "m":{"type":"object"},"f":{"type":"string"}}}""");
    }

    @Test
    void nullableTypesBecomeNullable() {
        cleans("""
                {"type":"object","properties":{
                  "a":{"type":["string","null"]},
                  "b":{"anyOf":[{"type":"integer","description":"count"},{"type":"null"}]},
                  "c":{"type":["string","integer"]}}}""", """
                {"type":"object","properties":{
                  "a":{"nullable":true,"type":"string"},
                  "b":{"nullable":true,"type":"integer","description":"count"},
                  "c":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}""");
    }

    @Test
    void oneOfBecomesAnyOfAndConstBecomesAnEnum() {
        cleans("""
                {"oneOf":[{"type":"object","properties":{"kind":{"const":"a"}},"required":["kind"]},
                          {"type":"object","properties":{"kind":{"const":"b"}}}]}""", """
                {"anyOf":[{"type":"object","properties":{"kind":{"enum":["a"],"type":"string"}},"required":["kind"]},
                          {"type":"object","properties":{"kind":{"enum":["b"],"type":"string"}}}]}""");
    }

    @Test
    void referencesAreInlinedAndRecursionEndsInAnObject() {
        cleans("""
                {"type":"object","$defs":{"Node":{"type":"object","properties":{"name":{"type":"string"},
                                                  "children":{"type":"array","items":{"$ref":"#/$defs/Node"}}}}},
                 "properties":{"root":{"$ref":"#/$defs/Node","description":"the tree"}}}""", """
                {"type":"object","properties":{"root":{"type":"object","description":"the tree",
                  "properties":{"name":{"type":"string"},
                                "children":{"type":"array","items":{"type":"object"}}}}}}""");
    }

    @Test
    void allOfIsMerged() {
        cleans("""
                {"definitions":{"Base":{"properties":{"id":{"type":"string"}},"required":["id"]}},
                 "allOf":[{"$ref":"#/definitions/Base"},{"properties":{"n":{"type":"number"}},"required":["n"]}]}""", """
                {"properties":{"id":{"type":"string"},"n":{"type":"number"}},"required":["id","n"],"type":"object"}""");
    }

    @Test
    void missingPiecesGeminiInsistsOnAreSupplied() {
        cleans("""
                {"properties":{"tags":{"type":"array"},"opts":{"type":"object","properties":{}},
                               "mode":{"enum":["fast","slow"]},"codes":{"enum":[1,2]}},
                 "required":["tags","ghost","tags"]}""", """
                {"properties":{"tags":{"type":"array","items":{"type":"string"}},"opts":{"type":"object"},
                               "mode":{"enum":["fast","slow"],"type":"string"},"codes":{"type":"integer"}},
                 "required":["tags"],"type":"object"}""");
    }
}
