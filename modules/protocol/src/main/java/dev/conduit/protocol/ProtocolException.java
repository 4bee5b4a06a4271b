package dev.conduit.protocol;

/**
 * A request body that does not follow the API it was sent to. The message names the offending
 * field by its JSON path (for example {@code messages[2].content[0].type}) and is safe to show to
 * the client: it never quotes secrets or large parts of the body.
 */
public final class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message, null, false, false);
    }

    public static ProtocolException at(String path, String problem) {
        return new ProtocolException(path.isEmpty() ? problem : path + ": " + problem);
    }
}
