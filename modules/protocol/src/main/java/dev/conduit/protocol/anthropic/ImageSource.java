package dev.conduit.protocol.anthropic;

/** Where an image's bytes come from. */
public sealed interface ImageSource {

    record Base64(String mediaType, String data) implements ImageSource {}

    record Url(String url) implements ImageSource {}

    /** An image uploaded through the Files API; only an Anthropic upstream can resolve it. */
    record File(String fileId) implements ImageSource {}
}
