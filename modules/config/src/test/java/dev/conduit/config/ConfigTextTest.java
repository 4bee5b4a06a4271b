package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Source spans of config members, so a tool can change one value and keep the rest of the text. */
class ConfigTextTest {

    private static final String TEXT = """
            // comment with { and }
            {
              "PORT": 3456,
              Router: {
                default: 'a,b', /* why */
                think: {targets: ['c,d', "e,f"], strategy: 'least-latency'},
              },
            }
            """;

    private static String at(ConfigText.Span span) {
        return TEXT.substring(span.start(), span.end());
    }

    @Test
    void findsEachMembersValueAsWritten() {
        ConfigText.ObjectText router = ConfigText.object(TEXT, List.of("Router")).orElseThrow();

        assertThat(at(router.span())).startsWith("{\n    default").endsWith("},\n  }");
        assertThat(router.members()).extracting(ConfigText.Member::name).containsExactly("default", "think");
        assertThat(at(router.members().get(0).value())).isEqualTo("'a,b'");
        assertThat(at(router.members().get(1).value())).isEqualTo("{targets: ['c,d', \"e,f\"], strategy: 'least-latency'}");
        assertThat(TEXT.substring(router.members().get(1).keyStart())).startsWith("think:");
        assertThat(at(ConfigText.member(TEXT, List.of(), "PORT").orElseThrow().value())).isEqualTo("3456");
        assertThat(TEXT.substring(ConfigText.member(TEXT, List.of(), "PORT").orElseThrow().keyStart())).startsWith("\"PORT\"");
        assertThat(at(ConfigText.object(TEXT, List.of()).orElseThrow().span())).startsWith("{\n  \"PORT\"");
    }

    @Test
    void answersNothingWhereThereIsNoObject() {
        assertThat(ConfigText.object(TEXT, List.of("Router", "default"))).isEmpty();
        assertThat(ConfigText.object(TEXT, List.of("Providers"))).isEmpty();
        assertThat(ConfigText.member(TEXT, List.of("Router"), "image")).isEmpty();
        assertThat(ConfigText.object("{Router: {", List.of())).as("not readable").isEmpty();
        assertThat(ConfigText.object("", List.of())).isEmpty();
    }
}
