package dev.conduit.server.http;

import dev.conduit.health.Monitoring;
import dev.conduit.health.RequestOutcome;
import dev.conduit.health.TokenUsage;
import dev.conduit.health.UpstreamErrorKind;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.providers.UpstreamException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a request completes: one access line (method, path, status, route, provider, model,
 * duration, tokens) and, for API requests, one metrics observation. Probes log at debug level
 * only and are not counted as traffic.
 */
final class RequestOutcomeHandler extends Handler.Wrapper {

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.conduit.access");

    private final Monitoring monitoring;

    RequestOutcomeHandler(Monitoring monitoring, Handler handler) {
        super(handler);
        this.monitoring = monitoring;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        AccessRecord record = new AccessRecord();
        request.setAttribute(AccessRecord.ATTRIBUTE, record);
        String path = Request.getPathInContext(request);
        boolean api = path.startsWith("/v1/");
        if (api || ACCESS.isDebugEnabled()) {
            Request.addCompletionListener(request, failure -> complete(request, response, record, path, failure, api));
        }
        return super.handle(request, response, callback);
    }

    private void complete(Request request, Response response, AccessRecord record, String path, Throwable failure,
            boolean api) {
        long nanos = System.nanoTime() - record.startedAt;
        if (api && ACCESS.isInfoEnabled()) {
            ACCESS.info("{}", line(request, response, record, path, nanos, failure));
        } else if (!api) {
            ACCESS.debug("{}", line(request, response, record, path, nanos, failure));
        }
        if (api && record.provider != null) {
            monitoring.record(outcome(response.getStatus(), record, nanos));
        }
    }

    private static RequestOutcome outcome(int status, AccessRecord record, long nanos) {
        Usage usage = record.usage;
        TokenUsage tokens = usage == null ? TokenUsage.NONE : new TokenUsage(usage.inputTokens(), usage.outputTokens(),
                usage.cacheReadInputTokens(), usage.cacheCreationInputTokens());
        return new RequestOutcome(record.route, record.provider, record.modelLabel, status == 0 ? 499 : status,
                Duration.ofNanos(nanos), Duration.ofNanos(Math.max(0, nanos - record.upstreamWaitNanos)),
                record.firstTokenAt == 0 ? null : Duration.ofNanos(record.firstTokenAt - record.startedAt),
                tokens, record.stream, errorKind(record.upstreamError));
    }

    /** The metrics' name for why an upstream failed; null for a drain, which is not the provider's failure. */
    static UpstreamErrorKind errorKind(UpstreamException.Kind kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case CONNECT -> UpstreamErrorKind.CONNECT;
            case TIMEOUT -> UpstreamErrorKind.TIMEOUT;
            case AUTH -> UpstreamErrorKind.AUTH;
            case RATE_LIMITED -> UpstreamErrorKind.RATE_LIMITED;
            case STATUS_4XX -> UpstreamErrorKind.STATUS_4XX;
            case STATUS_5XX -> UpstreamErrorKind.STATUS_5XX;
            case STREAM_BROKEN -> UpstreamErrorKind.STREAM_BROKEN;
            case BAD_RESPONSE -> UpstreamErrorKind.BAD_RESPONSE;
            case DRAINING -> null; // the worker stopping is not the provider's failure
        };
    }

    private static String line(Request request, Response response, AccessRecord record, String path, long nanos,
            Throwable failure) {
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
        line.append(' ').append(TimeUnit.NANOSECONDS.toMillis(nanos)).append("ms");
        if (record.usage != null) {
            line.append(" in=").append(record.usage.inputTokens() + record.usage.cacheReadInputTokens())
                    .append(" out=").append(record.usage.outputTokens());
        }
        if (failure != null) {
            line.append(" aborted");
        }
        return line.toString();
    }
}
