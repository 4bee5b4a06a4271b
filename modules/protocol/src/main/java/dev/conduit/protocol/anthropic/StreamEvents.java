package dev.conduit.protocol.anthropic;

import dev.conduit.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** Builds the event sequence a streamed response would have had, from a whole response. */
public final class StreamEvents {

    private StreamEvents() {}

    public static List<StreamEvent> of(MessagesResponse response) {
        List<StreamEvent> events = new ArrayList<>(4 + 3 * response.content().size());
        MessagesResponse head = new MessagesResponse(response.id(), response.model(), List.of(), null, null,
                new Usage(response.usage().inputTokens(), 0, response.usage().cacheCreationInputTokens(),
                        response.usage().cacheReadInputTokens()));
        events.add(new StreamEvent.MessageStart(head));
        events.add(new StreamEvent.Ping());
        for (int index = 0; index < response.content().size(); index++) {
            ContentBlock block = response.content().get(index);
            switch (block) {
                case ContentBlock.Text text -> {
                    events.add(new StreamEvent.ContentBlockStart(index, new ContentBlock.Text("")));
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.TextDelta(text.text())));
                }
                case ContentBlock.ToolUse use -> {
                    events.add(new StreamEvent.ContentBlockStart(index, new ContentBlock.ToolUse(use.id(), use.name(),
                            Json.NODES.objectNode())));
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.InputJsonDelta(use.input().toString())));
                }
                case ContentBlock.Thinking thinking -> {
                    events.add(new StreamEvent.ContentBlockStart(index, new ContentBlock.Thinking("", "")));
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.ThinkingDelta(thinking.thinking())));
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.SignatureDelta(
                            thinking.signature() == null ? "" : thinking.signature())));
                }
                default -> events.add(new StreamEvent.ContentBlockStart(index, block));
            }
            events.add(new StreamEvent.ContentBlockStop(index));
        }
        events.add(new StreamEvent.MessageDelta(response.stopReason(), response.stopSequence(), response.usage()));
        events.add(new StreamEvent.MessageStop());
        return events;
    }
}
