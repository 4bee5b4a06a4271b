/**
 * Provider adapters: translate a request into a provider's wire format, send it with the upstream
 * HTTP client, and translate the answer (whole or streamed) back.
 */
module dev.conduit.providers {
    requires transitive dev.conduit.protocol;
    requires transitive dev.conduit.config;
    requires org.eclipse.jetty.client;
    requires org.slf4j;

    exports dev.conduit.providers;
}
