package dev.conduit.server.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server: one HTTP/1.1 connector, handlers on virtual threads, and the handler chain
 * access log → auth → API.
 */
public final class ConduitServer {

    private final Server server;
    private final ServerConnector connector;

    public ConduitServer(Gateway gateway, String version, String host, int port) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty");
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("request"));
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        // a non-streaming request may wait for the upstream as long as API_TIMEOUT_MS allows
        connector.setIdleTimeout(gateway.config().apiTimeout().plus(Duration.ofSeconds(30)).toMillis());
        server.addConnector(connector);

        Handler api = new ApiHandler(gateway, version);
        Handler chain = gateway.config().apiKey()
                .<Handler>map(key -> new AuthHandler(key, api))
                .orElse(api);
        server.setHandler(new AccessLogHandler(chain));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
    }

    public void start() throws Exception {
        server.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void stop() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
