package dev.conduit.protocol;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The one JSON mapper of the request path, with limits that keep hostile bodies cheap to reject. */
public final class Json {

    /** Deepest nesting a request body may have; deeper bodies are rejected with a 400. */
    public static final int MAX_NESTING_DEPTH = 500;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(64 * 1024 * 1024)
                            .maxNumberLength(1000)
                            .build())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {}
}
