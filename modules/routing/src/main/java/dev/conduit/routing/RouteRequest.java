package dev.conduit.routing;

import dev.conduit.config.InboundApi;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * What the router looks at: the request read into the hub model, the API it came in, its headers
 * (by lower-case name, repeated values joined with commas, credentials left out) and the size of
 * its body.
 *
 * @param bodyBytes the size of the body as received, or -1 when unknown; it bounds the token
 *     count, so small requests are never tokenized
 */
public record RouteRequest(MessagesRequest message, InboundApi api, Map<String, String> headers, long bodyBytes) {

    /** Headers that carry credentials: never given to the router, so no rule or explanation holds a key. */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-api-key", "proxy-authorization",
            "cookie");

    /** {@code headers} are handed over, not copied: the server builds them for this request alone. */
    public RouteRequest {
        headers = Collections.unmodifiableMap(headers);
    }

    /** An Anthropic request without headers, of unknown size. */
    public static RouteRequest of(MessagesRequest message) {
        return new RouteRequest(message, InboundApi.ANTHROPIC, Map.of(), -1);
    }
}
