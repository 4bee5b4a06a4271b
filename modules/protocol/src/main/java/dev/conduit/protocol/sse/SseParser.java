package dev.conduit.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental parser for a {@code text/event-stream} body, as the WHATWG HTML standard defines it.
 *
 * <p>Bytes may arrive split anywhere, inside a line, a CRLF pair or a UTF-8 sequence: lines are
 * collected as bytes and decoded only once complete. Lines end in LF, CR or CRLF; comments are
 * skipped; a blank line dispatches the event. A line longer than the limit fails the stream
 * instead of growing memory without bound.
 */
public final class SseParser {

    private static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final Consumer<SseEvent> listener;
    private final int maxLineBytes;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCarriageReturn;
    private boolean atStreamStart = true;

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType;
    private String lastEventId;

    public SseParser(Consumer<SseEvent> listener) {
        this(listener, DEFAULT_MAX_LINE_BYTES);
    }

    public SseParser(Consumer<SseEvent> listener, int maxLineBytes) {
        this.listener = listener;
        this.maxLineBytes = maxLineBytes;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            byte b = bytes[i];
            if (b == '\n') {
                if (afterCarriageReturn) {
                    afterCarriageReturn = false; // second half of a CRLF pair
                } else {
                    endLine();
                }
                i++;
            } else if (b == '\r') {
                afterCarriageReturn = true;
                endLine();
                i++;
            } else {
                afterCarriageReturn = false;
                int lineEnd = i + 1;
                while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                    lineEnd++;
                }
                append(bytes, i, lineEnd - i); // the line's bytes in one copy
                i = lineEnd;
            }
        }
    }

    public void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int length = buffer.remaining();
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.position() + length);
        } else {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            feed(copy, 0, copy.length);
        }
    }

    /**
     * Ends the stream. Complete lines of an event that was never followed by a blank line are
     * dispatched (servers often omit the last one); an unterminated last line is discarded,
     * since it may be a fragment of a cut stream.
     */
    public void finish() {
        lineLength = 0;
        dispatch();
    }

    private void append(byte[] bytes, int from, int count) {
        if (count > maxLineBytes - lineLength) {
            throw new SseException("event stream line longer than " + maxLineBytes + " bytes");
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(lineLength + count, line.length * 2)));
        }
        System.arraycopy(bytes, from, line, lineLength, count);
        lineLength += count;
    }

    private void endLine() {
        int start = 0;
        if (atStreamStart) {
            atStreamStart = false;
            if (lineLength >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                start = 3; // byte order mark
            }
        }
        int length = lineLength - start;
        lineLength = 0;
        if (length == 0) {
            dispatch();
            return;
        }
        if (line[start] == ':') {
            return; // comment
        }
        int colon = -1;
        for (int i = start; i < start + length; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        String field;
        String value;
        if (colon < 0) {
            field = new String(line, start, length, StandardCharsets.UTF_8);
            value = "";
        } else {
            field = new String(line, start, colon - start, StandardCharsets.UTF_8);
            int valueStart = colon + 1;
            if (valueStart < start + length && line[valueStart] == ' ') {
                valueStart++;
            }
            value = new String(line, valueStart, start + length - valueStart, StandardCharsets.UTF_8);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            default -> { } // "retry" and unknown fields carry nothing a proxy needs
        }
    }

    private void dispatch() {
        if (hasData) {
            SseEvent event = new SseEvent(
                    eventType == null || eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType,
                    data.toString(),
                    lastEventId);
            data.setLength(0);
            hasData = false;
            eventType = null;
            listener.accept(event);
        } else {
            eventType = null;
        }
    }
}
