package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.ImageSource;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * User content as Gemini parts: text, images and documents, inline ({@code inlineData}) or by
 * URL ({@code fileData}). Gemini needs a MIME type for a URL, which Anthropic does not send: it
 * is read from the file extension.
 */
final class GeminiParts {

    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "gif", "image/gif",
            "webp", "image/webp",
            "heic", "image/heic",
            "heif", "image/heif");

    private final String providerName;

    GeminiParts(String providerName) {
        this.providerName = providerName;
    }

    /** Appends the parts of {@code block}; blocks with no Gemini form (thinking in a user turn) add none. */
    void add(ContentBlock block, String at, ArrayNode out) {
        switch (block) {
            case ContentBlock.Text text -> out.addObject().put("text", text.text());
            case ContentBlock.Image image -> out.add(image(image.source(), at + ".source"));
            case ContentBlock.Document document -> document(document.raw(), at, out);
            default -> { }
        }
    }

    private ObjectNode image(ImageSource source, String at) {
        return switch (source) {
            case ImageSource.Base64 base64 -> inline(base64.mediaType(), base64.data());
            case ImageSource.Url url -> file(imageType(url.url(), at), url.url());
            case ImageSource.File file -> throw ProtocolException.at(at,
                    "images uploaded with the Files API can only be sent to an Anthropic provider, not to " + providerName);
        };
    }

    private void document(JsonNode raw, String at, ArrayNode out) {
        JsonNode source = raw.path("source");
        String type = source.path("type").asString("");
        switch (type) {
            case "base64" -> out.add(inline(source.path("media_type").asString("application/pdf"),
                    source.path("data").asString("")));
            case "url" -> out.add(file("application/pdf", source.path("url").asString("")));
            case "text" -> out.addObject().put("text", source.path("data").asString(""));
            case "content" -> {
                for (JsonNode part : source.path("content")) {
                    if (part.path("type").asString("").equals("text")) {
                        out.addObject().put("text", part.path("text").asString(""));
                    }
                }
            }
            default -> throw ProtocolException.at(at + ".source.type", "document blocks of source type \"" + type
                    + "\" cannot be sent to " + providerName + ", a Gemini provider; send the document as base64, URL or text");
        }
    }

    private static ObjectNode inline(String mimeType, String data) {
        ObjectNode part = Json.NODES.objectNode();
        part.putObject("inlineData").put("mimeType", mimeType).put("data", data);
        return part;
    }

    private static ObjectNode file(String mimeType, String uri) {
        ObjectNode part = Json.NODES.objectNode();
        part.putObject("fileData").put("mimeType", mimeType).put("fileUri", uri);
        return part;
    }

    /** The URL is not quoted in the error: it may carry a signed token. */
    private static String imageType(String url, String at) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException notAUri) {
            throw ProtocolException.at(at + ".url", "is not a valid URL");
        }
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : IMAGE_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw ProtocolException.at(at + ".url", "Gemini needs the image type, which is read from the URL's file"
                    + " extension (.png, .jpg, .jpeg, .gif, .webp, .heic or .heif); this URL has none of them,"
                    + " so send the image as base64 instead");
        }
        return type;
    }
}
