package dev.conduit.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    private static SseEvent event(String type, String data) {
        return new SseEvent(type, data, null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void feed(String text) {
        byte[] bytes = utf8(text);
        parser.feed(bytes, 0, bytes.length);
    }

    private static List<SseEvent> parseInPieces(byte[] bytes, int... cuts) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        int from = 0;
        for (int cut : cuts) {
            parser.feed(bytes, from, cut - from);
            from = cut;
        }
        parser.feed(bytes, from, bytes.length - from);
        parser.finish();
        return out;
    }

    @ParameterizedTest(name = "line ending {index}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingSeparatesLinesAndEvents(String eol) {
        feed("event: first" + eol + "data: one" + eol + eol
                + "data: two" + eol + "data: three" + eol + eol);

        assertThat(events).containsExactly(event("first", "one"), event("message", "two\nthree"));
    }

    /** BOM, a multi-byte letter, an emoji, CRLF, lone CRs and LFs: every cut gives the same events. */
    @Test
    void anEventSplitAtEveryBytePositionGivesIdenticalEvents() {
        byte[] stream = utf8("\uFEFFevent: greet\r\ndata: héllo 😀\r\n\r\ndata: a\rdata: b\r\r: note\ndata: c\n\n");
        List<SseEvent> expected = List.of(
                event("greet", "héllo 😀"), event("message", "a\nb"), event("message", "c"));

        assertThat(parseInPieces(stream)).isEqualTo(expected);
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(parseInPieces(stream, cut)).as("cut at byte %d", cut).isEqualTo(expected);
        }
        int[] everyByte = new int[stream.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(parseInPieces(stream, everyByte)).as("one byte at a time").isEqualTo(expected);
    }

    @Test
    void crAtTheEndOfOneReadAndLfAtTheStartOfTheNextAreOneLineEnd() {
        feed("data: x\r");
        feed("\ndata: y\r");
        feed("\n\r");
        feed("\n");

        assertThat(events).containsExactly(event("message", "x\ny"));
    }

    @Test
    void commentsAreIgnoredAndDispatchNothing() {
        feed(": keep-alive\n\n:another\ndata: a\n: between data lines\ndata: b\n\n");

        assertThat(events).containsExactly(event("message", "a\nb"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsRemoved() {
        feed("data:x\n\ndata:  two spaces\n\ndata:\n\n");

        assertThat(events).containsExactly(event("message", "x"), event("message", " two spaces"), event("message", ""));
    }

    @Test
    void valuesMayContainColons() {
        feed("data: {\"a\":\"b:c\"}\n\n");

        assertThat(events).containsExactly(event("message", "{\"a\":\"b:c\"}"));
    }

    @Test
    void eventNameAppliesToOneEventOnly() {
        feed("event: content_block_delta\ndata: 1\n\ndata: 2\n\nevent: orphan\n\ndata: 3\n\n");

        assertThat(events).extracting(SseEvent::event, SseEvent::data)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("content_block_delta", "1"),
                        org.assertj.core.groups.Tuple.tuple("message", "2"),
                        org.assertj.core.groups.Tuple.tuple("message", "3"));
    }

    @Test
    void lastEventIdIsKeptForLaterEvents() {
        feed("id: 7\ndata: a\n\ndata: b\n\n");

        assertThat(events).containsExactly(new SseEvent("message", "a", "7"), new SseEvent("message", "b", "7"));
    }

    @Test
    void unknownFieldsAndRetryAreIgnored() {
        feed("retry: 1000\nfoo: bar\ndata: x\n\n");

        assertThat(events).containsExactly(event("message", "x"));
    }

    @Test
    void byteOrderMarkIsSkippedAtTheStartOfTheStreamOnly() {
        feed("\uFEFFdata: first\n\n\uFEFFdata: second\n\ndata: third\n\n");

        // a later BOM is part of the field name, "\uFEFFdata", which is no known field
        assertThat(events).containsExactly(event("message", "first"), event("message", "third"));
    }

    @Test
    void blankLinesWithoutDataDispatchNothing() {
        feed("\n\n\r\n\r\r");
        parser.finish();

        assertThat(events).isEmpty();
    }

    @Test
    void finishDispatchesACompleteEventThatLacksItsBlankLine() {
        feed("data: done\n");
        parser.finish();

        assertThat(events).containsExactly(event("message", "done"));
    }

    @Test
    void finishDropsAnUnterminatedLastLine() {
        feed("data: a\ndata: cut off");
        parser.finish();

        assertThat(events).containsExactly(event("message", "a"));
    }

    @Test
    void finishWithOnlyAPartialLineDispatchesNothing() {
        feed("data: {\"partial\":");
        parser.finish();

        assertThat(events).isEmpty();
    }

    @Test
    void feedsFromByteBuffersWithAndWithoutBackingArray() {
        byte[] bytes = utf8("xxdata: héllo\n\n");
        parser.feed(ByteBuffer.wrap(bytes, 2, bytes.length - 2).slice());
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip().position(2);
        parser.feed(direct);

        assertThat(events).containsExactly(event("message", "héllo"), event("message", "héllo"));
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    void aLineAtTheLimitIsAccepted() {
        List<SseEvent> out = new ArrayList<>();
        SseParser limited = new SseParser(out::add, 1024);
        byte[] line = utf8("data: " + "x".repeat(1024 - 6) + "\n\n");

        limited.feed(line, 0, line.length);

        assertThat(out).singleElement().extracting(SseEvent::data).asString().hasSize(1018);
    }

    @Test
    void aLineOverTheLimitFailsWithoutWaitingForItsEnd() {
        SseParser limited = new SseParser(events::add, 1024);
        byte[] chunk = utf8("data: " + "x".repeat(100));
        limited.feed(chunk, 0, chunk.length);
        byte[] more = utf8("x".repeat(1024 - chunk.length));
        limited.feed(more, 0, more.length);

        assertThatThrownBy(() -> limited.feed(new byte[] {'x'}, 0, 1))
                .isInstanceOf(SseException.class)
                .hasMessage("event stream line longer than 1024 bytes");
        assertThat(events).isEmpty();
    }
}
