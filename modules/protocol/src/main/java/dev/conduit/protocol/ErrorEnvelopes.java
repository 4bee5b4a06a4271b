package dev.conduit.protocol;

import tools.jackson.databind.node.ObjectNode;

/** The two error bodies clients understand: Anthropic's and OpenAI's. */
public final class ErrorEnvelopes {

    private ErrorEnvelopes() {}

    /** {@code {"type":"error","error":{"type":…,"message":…}}} */
    public static ObjectNode anthropic(String type, String message) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return root;
    }

    public static byte[] anthropicBytes(ApiError error) {
        return Json.MAPPER.writeValueAsBytes(anthropic(error.type(), error.message()));
    }

    /** {@code {"error":{"message":…,"type":…,"param":null,"code":…}}} */
    public static ObjectNode openAi(ApiError error) {
        ObjectNode root = Json.NODES.objectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", error.openAiType());
        body.putNull("param");
        body.put("code", error.type());
        return root;
    }

    public static byte[] openAiBytes(ApiError error) {
        return Json.MAPPER.writeValueAsBytes(openAi(error));
    }
}
