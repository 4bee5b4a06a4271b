package dev.conduit.routing;

import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * claude-code-router's {@code <CCR-SUBAGENT-MODEL>provider,model</CCR-SUBAGENT-MODEL>}, which a
 * Claude Code agent's prompt carries to choose its model. claude-code-router looks in the second
 * system block only; Claude Code now puts an agent's prompt further down, so every block is
 * searched. The tag is for the router alone: it is removed before anything is forwarded.
 *
 * @param block the index of the system block that holds it
 * @param tag the tag as written, removed from that block
 * @param route what it names, as written
 */
public record SubagentTag(int block, String tag, String route) {

    private static final Pattern TAG = Pattern.compile("<CCR-SUBAGENT-MODEL>(.*?)</CCR-SUBAGENT-MODEL>", Pattern.DOTALL);
    private static final String OPENING = "<CCR-SUBAGENT-MODEL>";

    static Optional<SubagentTag> find(List<ContentBlock.Text> system) {
        for (int i = 0; i < system.size(); i++) {
            String text = system.get(i).text();
            int opening = opening(text);
            if (opening < 0) {
                continue;
            }
            Matcher matcher = TAG.matcher(text);
            if (matcher.find(opening)) {
                return Optional.of(new SubagentTag(i, matcher.group(), matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    /**
     * Where the opening tag is, or -1. This runs over every system prompt of every request: a
     * search for its first character, which the JVM vectorizes, is several times faster than
     * {@code indexOf(OPENING)} on prompts with characters beyond Latin-1 (Claude Code's have some).
     */
    private static int opening(String text) {
        for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
            if (text.startsWith(OPENING, at)) {
                return at;
            }
        }
        return -1;
    }

    /** The request without the tag; a system block that held nothing else is left out. */
    MessagesRequest removeFrom(MessagesRequest request) {
        List<ContentBlock.Text> system = new ArrayList<>(request.system());
        ContentBlock.Text holder = system.get(block);
        String rest = withoutTag(holder.text());
        if (rest.isBlank()) {
            system.remove(block);
        } else {
            system.set(block, new ContentBlock.Text(rest, holder.cacheControl()));
        }
        return new MessagesRequest(request.model(), request.maxTokens(), system, request.messages(), request.tools(),
                request.toolChoice(), request.stopSequences(), request.temperature(), request.topP(), request.topK(),
                request.stream(), request.userId(), request.thinking(), request.responseFormat(), request.effort());
    }

    /**
     * Removes the tag from a client's own body, Anthropic's ({@code system}: a string or text
     * blocks) or OpenAI's ({@code system} and {@code developer} messages), the way
     * {@link #removeFrom} removes it from the request read from it.
     */
    void removeFrom(ObjectNode body) {
        JsonNode system = body.get("system");
        if (system != null && system.isString()) {
            String rest = withoutTag(system.stringValue());
            if (rest.isBlank()) {
                body.remove("system");
            } else {
                body.put("system", rest);
            }
        } else if (system instanceof ArrayNode blocks) {
            removeFromFirstText(blocks);
        } else if (body.get("messages") instanceof ArrayNode messages) {
            for (int i = 0; i < messages.size(); i++) {
                JsonNode message = messages.get(i);
                String role = message.path("role").asString("");
                if ((role.equals("system") || role.equals("developer")) && removeFromMessage(messages, i)) {
                    return;
                }
            }
        }
    }

    private boolean removeFromMessage(ArrayNode messages, int index) {
        ObjectNode message = (ObjectNode) messages.get(index);
        JsonNode content = message.get("content");
        if (content != null && content.isString() && content.stringValue().contains(tag)) {
            String rest = withoutTag(content.stringValue());
            if (rest.isBlank()) {
                messages.remove(index);
            } else {
                message.put("content", rest);
            }
            return true;
        }
        if (content instanceof ArrayNode parts && removeFromFirstText(parts)) {
            if (parts.isEmpty()) {
                messages.remove(index);
            }
            return true;
        }
        return false;
    }

    /** The text without the tag's first occurrence, as claude-code-router's {@code replace} does. */
    private String withoutTag(String text) {
        int at = text.indexOf(tag);
        return at < 0 ? text : text.substring(0, at) + text.substring(at + tag.length());
    }

    private boolean removeFromFirstText(ArrayNode blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode text = blocks.get(i).get("text");
            if (blocks.get(i) instanceof ObjectNode block && text != null && text.isString()
                    && text.stringValue().contains(tag)) {
                String rest = withoutTag(text.stringValue());
                if (rest.isBlank()) {
                    blocks.remove(i);
                } else {
                    block.put("text", rest);
                }
                return true;
            }
        }
        return false;
    }
}
