package dev.conduit.server.http;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per request when it completes: method, path, status, route, provider, model,
 * duration and tokens. Probes of the health endpoints log at debug level only.
 */
final class AccessLogHandler extends Handler.Wrapper {

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.conduit.access");

    AccessLogHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        AccessRecord record = new AccessRecord();
        request.setAttribute(AccessRecord.ATTRIBUTE, record);
        String path = Request.getPathInContext(request);
        boolean probe = !path.startsWith("/v1/");
        if (probe ? ACCESS.isDebugEnabled() : ACCESS.isInfoEnabled()) {
            Request.addCompletionListener(request, failure -> log(request, response, record, path, start, failure, probe));
        }
        return super.handle(request, response, callback);
    }

    private static void log(Request request, Response response, AccessRecord record, String path, long start,
            Throwable failure, boolean probe) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        StringBuilder line = new StringBuilder(128)
                .append(request.getMethod()).append(' ').append(path).append(' ').append(response.getStatus());
        if (record.route != null) {
            line.append(" route=").append(record.route);
        }
        if (record.provider != null) {
            line.append(" provider=").append(record.provider).append(" model=").append(record.model);
        }
        if (record.stream) {
            line.append(" stream");
        }
        line.append(' ').append(millis).append("ms");
        if (record.usage != null) {
            line.append(" in=").append(record.usage.inputTokens() + record.usage.cacheReadInputTokens())
                    .append(" out=").append(record.usage.outputTokens());
        }
        if (failure != null) {
            line.append(" aborted");
        }
        if (probe) {
            ACCESS.debug("{}", line);
        } else {
            ACCESS.info("{}", line);
        }
    }
}
