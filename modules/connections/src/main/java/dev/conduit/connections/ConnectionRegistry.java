package dev.conduit.connections;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.IdleTimeout;

/**
 * Knows every client connection from open to close (added to the server connector as a
 * {@link Connection.Listener}), and the requests and streams in flight on each.
 */
public final class ConnectionRegistry implements Connection.Listener {

    private final InstantSource clock;
    private final Map<Connection, Tracked> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder closedMillis = new LongAdder();
    private final LongAccumulator longestMillis = new LongAccumulator(Math::max, 0);

    /** What is known of one open connection. */
    private static final class Tracked {
        final long id;
        final String protocol;
        final String remote;
        final long openedAt;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger streams = new AtomicInteger();

        Tracked(long id, String protocol, String remote, long openedAt) {
            this.id = id;
            this.protocol = protocol;
            this.remote = remote;
            this.openedAt = openedAt;
        }
    }

    public ConnectionRegistry(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Tracked(ids.incrementAndGet(), protocol(connection),
                remote(connection.getEndPoint().getRemoteSocketAddress()), clock.millis()));
        opened.increment();
    }

    @Override
    public void onClosed(Connection connection) {
        Tracked tracked = open.remove(connection);
        if (tracked == null) {
            return;
        }
        long lived = clock.millis() - tracked.openedAt;
        closed.increment();
        closedMillis.add(lived);
        longestMillis.accumulate(lived);
    }

    /** A request began on {@code connection}; the returned handle ends it exactly once. */
    public Exchange begin(Connection connection) {
        Tracked tracked = open.get(connection);
        requestsInFlight.incrementAndGet();
        if (tracked != null) {
            tracked.requests.incrementAndGet();
        }
        return new Exchange(tracked);
    }

    /** One request in flight. */
    public final class Exchange {
        private final Tracked tracked;
        private final AtomicBoolean stream = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();

        private Exchange(Tracked tracked) {
            this.tracked = tracked;
        }

        /** The answer is being streamed; counted until the exchange ends. */
        public void streaming() {
            if (ended.get() || !stream.compareAndSet(false, true)) {
                return;
            }
            streams.incrementAndGet();
            if (tracked != null) {
                tracked.streams.incrementAndGet();
            }
        }

        public void end() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            requestsInFlight.decrementAndGet();
            if (tracked != null) {
                tracked.requests.decrementAndGet();
            }
            if (stream.get()) {
                streams.decrementAndGet();
                if (tracked != null) {
                    tracked.streams.decrementAndGet();
                }
            }
        }
    }

    public int openConnections() {
        return open.size();
    }

    public int requestsInFlight() {
        return requestsInFlight.get();
    }

    public int streams() {
        return streams.get();
    }

    /** Closes every connection with no request in flight, so its client reconnects elsewhere. */
    public int closeIdle() {
        int count = 0;
        for (Map.Entry<Connection, Tracked> entry : open.entrySet()) {
            if (entry.getValue().requests.get() == 0) {
                entry.getKey().close();
                count++;
            }
        }
        return count;
    }

    /** Closes every connection, busy or not: the last step of a drain that ran out of time. */
    public void closeAll() {
        open.keySet().forEach(Connection::close);
    }

    public ConnectionsSnapshot snapshot(int oldestCount) {
        long now = clock.millis();
        Map<String, Integer> byProtocol = new TreeMap<>();
        List<ConnectionInfo> all = new ArrayList<>(open.size());
        open.forEach((connection, tracked) -> {
            byProtocol.merge(tracked.protocol, 1, Integer::sum);
            all.add(new ConnectionInfo(tracked.id, tracked.protocol, tracked.remote, tracked.openedAt,
                    now - tracked.openedAt, idleMillis(connection), connection.getBytesIn(), connection.getBytesOut(),
                    tracked.requests.get(), tracked.streams.get() > 0));
        });
        all.sort(Comparator.comparingLong(ConnectionInfo::openedAt).thenComparingLong(ConnectionInfo::id));
        long closedCount = closed.sum();
        return new ConnectionsSnapshot(all.size(), byProtocol, requestsInFlight.get(), streams.get(), opened.sum(),
                closedCount, closedCount == 0 ? 0 : closedMillis.sum() / closedCount, longestMillis.get(),
                all.subList(0, Math.min(oldestCount, all.size())));
    }

    private static long idleMillis(Connection connection) {
        return connection.getEndPoint() instanceof IdleTimeout idle ? idle.getIdleFor() : 0;
    }

    private static String protocol(Connection connection) {
        String type = connection.getClass().getSimpleName();
        if (type.startsWith("HttpConnection")) {
            return "http/1.1";
        }
        if (type.startsWith("HTTP2")) {
            return "h2";
        }
        return type;
    }

    private static String remote(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
                    : inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
