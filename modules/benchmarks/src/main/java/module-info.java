/**
 * JMH benchmarks: the routing decision and the gateway's own work on a request (read, route,
 * translate for an OpenAI-compatible provider, translate the answer back). Run on demand with
 * {@code java -jar modules/benchmarks/target/benchmarks.jar}; never linked into the image. Also
 * {@link dev.conduit.benchmarks.BareProxy}, the stack's own cost, for {@code scripts/bench}.
 */
module dev.conduit.benchmarks {
    requires dev.conduit.routing;
    requires dev.conduit.providers;
    requires dev.conduit.server;
    requires dev.conduit.testing;
    requires jmh.core;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.client;
    requires jdk.management;

    // JMH instantiates the generated benchmark classes reflectively
    opens dev.conduit.benchmarks.jmh_generated to jmh.core;
}
