/**
 * Wire models of the Anthropic Messages API and the OpenAI Chat Completions API, their JSON
 * codecs, the server-sent-events reader, and the error envelopes of both APIs.
 */
module dev.conduit.protocol {
    requires transitive tools.jackson.databind;

    exports dev.conduit.protocol;
    exports dev.conduit.protocol.anthropic;
    exports dev.conduit.protocol.openai;
    exports dev.conduit.protocol.sse;
}
