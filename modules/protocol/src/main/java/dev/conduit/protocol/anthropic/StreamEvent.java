package dev.conduit.protocol.anthropic;

/** The events of a streamed Messages response, in the order the API defines. */
public sealed interface StreamEvent {

    /** The SSE event name. */
    String name();

    record MessageStart(MessagesResponse message) implements StreamEvent {
        public String name() {
            return "message_start";
        }
    }

    /** Opens block {@code index}; text starts empty, tool input starts as {@code {}}. */
    record ContentBlockStart(int index, ContentBlock block) implements StreamEvent {
        public String name() {
            return "content_block_start";
        }
    }

    record ContentBlockDelta(int index, Delta delta) implements StreamEvent {
        public String name() {
            return "content_block_delta";
        }
    }

    record ContentBlockStop(int index) implements StreamEvent {
        public String name() {
            return "content_block_stop";
        }
    }

    /** The final stop reason and the usage totals (input tokens included where known). */
    record MessageDelta(StopReason stopReason, String stopSequence, Usage usage) implements StreamEvent {
        public String name() {
            return "message_delta";
        }
    }

    record MessageStop() implements StreamEvent {
        public String name() {
            return "message_stop";
        }
    }

    record Ping() implements StreamEvent {
        public String name() {
            return "ping";
        }
    }

    /** An in-band error: the stream ends after it, never with a message_stop. */
    record Error(String type, String message) implements StreamEvent {
        public String name() {
            return "error";
        }
    }
}
