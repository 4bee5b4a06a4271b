package dev.conduit.providers.transform;

import dev.conduit.protocol.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small edits of OpenAI request bodies and answers that several transformers share. */
final class Bodies {

    private Bodies() {}

    /** The body's {@code messages}, or an empty array when it has none. */
    static ArrayNode messages(ObjectNode body) {
        JsonNode messages = body.get("messages");
        return messages instanceof ArrayNode array ? array : Json.NODES.arrayNode();
    }

    /** The body's {@code tools}, or an empty array when it has none. */
    static ArrayNode tools(ObjectNode body) {
        JsonNode tools = body.get("tools");
        return tools instanceof ArrayNode array ? array : Json.NODES.arrayNode();
    }

    /** Removes {@code key} from every object inside {@code node}, at any depth. */
    static void removeEverywhere(JsonNode node, String key) {
        if (node instanceof ObjectNode object) {
            object.remove(key);
            object.values().forEach(child -> removeEverywhere(child, key));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> removeEverywhere(child, key));
        }
    }

    /** Removes {@code cache_control} from each message and from each part of its content. */
    static void removeMessageCacheControl(ObjectNode body) {
        for (JsonNode message : messages(body)) {
            if (message instanceof ObjectNode object) {
                object.remove("cache_control");
                for (JsonNode part : object.path("content")) {
                    if (part instanceof ObjectNode partObject) {
                        partObject.remove("cache_control");
                    }
                }
            }
        }
    }

    /**
     * Lowers the output limit ({@code max_tokens} or {@code max_completion_tokens}) to {@code cap}.
     * A client's limit may be any JSON number (a fraction, 1e30), so it is compared as a double.
     */
    static void capOutputTokens(ObjectNode body, long cap) {
        for (String field : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode limit = body.get(field);
            if (limit != null && limit.isNumber() && limit.doubleValue() > cap) {
                body.put(field, cap);
            }
        }
    }

    /**
     * Merges {@code source} into {@code target}: objects in both are merged in turn; any other
     * value of {@code source} replaces the target's.
     */
    static void deepMerge(ObjectNode target, ObjectNode source) {
        for (Map.Entry<String, JsonNode> property : source.properties()) {
            JsonNode existing = target.get(property.getKey());
            if (existing instanceof ObjectNode existingObject && property.getValue() instanceof ObjectNode incoming) {
                deepMerge(existingObject, incoming);
            } else {
                target.set(property.getKey(), property.getValue().deepCopy());
            }
        }
    }

    /** Sets each of {@code source}'s top-level values on {@code target} (JavaScript's Object.assign). */
    static void assign(ObjectNode target, ObjectNode source) {
        source.properties().forEach(property -> target.set(property.getKey(), property.getValue().deepCopy()));
    }

    /** The first choice of an answer or chunk, if it is an object. */
    static ObjectNode firstChoice(ObjectNode answer) {
        return answer.path("choices").path(0) instanceof ObjectNode choice ? choice : null;
    }

    /** A choice's {@code message} (whole answers) or {@code delta} (chunks), if it is an object. */
    static ObjectNode part(ObjectNode choice, String field) {
        return choice != null && choice.get(field) instanceof ObjectNode part ? part : null;
    }

    /** A string field's value, or null when it is absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    static boolean isBlank(JsonNode value) {
        return value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())
                || (value.isContainer() && value.isEmpty());
    }

    /**
     * A chunk made from {@code like} (its id, model and other top-level fields) whose one choice
     * has {@code delta} and {@code finishReason}.
     */
    static ObjectNode chunkLike(ObjectNode like, ObjectNode delta, String finishReason) {
        ObjectNode chunk = like == null ? Json.NODES.objectNode() : like.deepCopy();
        chunk.remove("usage");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }
}
