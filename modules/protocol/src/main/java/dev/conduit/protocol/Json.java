package dev.conduit.protocol;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON mapper of the request path, with limits that keep hostile bodies cheap to reject:
 * a body over a limit is a 400 naming it. docs/SECURITY.md gives the reasons for the numbers.
 */
public final class Json {

    /** Deepest nesting a body may have. */
    public static final int MAX_NESTING_DEPTH = 500;
    /** Longest string: Anthropic's whole-request limit, so one PDF or image may fill a request. */
    private static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;
    /** Longest number, in characters: parsing longer ones costs time quadratic in their length. */
    private static final int MAX_NUMBER_LENGTH = 1000;
    /**
     * Most tokens (values, names, brackets) a body may have: a tree of tiny values takes far more
     * memory than its bytes (a 32 MiB body of {@code {}}s would be gigabytes), and real requests
     * have a few thousand to a few hundred thousand.
     */
    private static final long MAX_TOKEN_COUNT = 1_000_000;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxTokenCount(MAX_TOKEN_COUNT)
                            .build())
                    // Jackson's default pool of parser and generator buffers is one concurrent
                    // deque: a node allocated per release and every thread at its two ends, 5% of
                    // a stream's CPU (a parser per chunk). This one keeps a platform thread's
                    // buffers with the thread and spreads virtual threads over striped slots.
                    .recyclerPool(JsonRecyclerPools.sharedHybridPool())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {}
}
