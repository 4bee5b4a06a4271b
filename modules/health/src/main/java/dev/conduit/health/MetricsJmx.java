package dev.conduit.health;

import dev.conduit.management.Descriptions;
import java.util.Map;
import java.util.function.ToLongFunction;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.StandardMBean;

/** The {@link MetricsMXBean}, with descriptions. Each read takes a fresh {@link MetricsSummary}. */
public final class MetricsJmx extends StandardMBean implements MetricsMXBean {

    private final GatewayMetrics metrics;

    MetricsJmx(GatewayMetrics metrics) {
        super(MetricsMXBean.class, true);
        this.metrics = metrics;
    }

    @Override
    public long getRequestsTotal() {
        return metrics.summary().requests();
    }

    @Override
    public long getFailedRequestsTotal() {
        return metrics.summary().failedRequests();
    }

    @Override
    public double getErrorRatio() {
        return metrics.summary().errorRatio();
    }

    @Override
    public long getInputTokens() {
        return sum(ProviderUsage::inputTokens);
    }

    @Override
    public long getOutputTokens() {
        return sum(ProviderUsage::outputTokens);
    }

    @Override
    public long getCacheReadTokens() {
        return sum(ProviderUsage::cacheReadTokens);
    }

    @Override
    public long getCacheWriteTokens() {
        return sum(ProviderUsage::cacheWriteTokens);
    }

    @Override
    public double getEstimatedCostUsd() {
        return getUsageByProvider().values().stream().mapToDouble(ProviderUsage::estimatedCostUsd).sum();
    }

    @Override
    public Map<String, ProviderUsage> getUsageByProvider() {
        return metrics.summary().usageByProvider();
    }

    @Override
    public long getUpstreamErrorsTotal() {
        return metrics.summary().upstreamErrors();
    }

    @Override
    public long getRetriesTotal() {
        return metrics.summary().retries();
    }

    @Override
    public long getFallbacksTotal() {
        return metrics.summary().fallbacks();
    }

    @Override
    public long getActiveConnections() {
        return metrics.summary().activeConnections();
    }

    @Override
    public long getActiveStreams() {
        return metrics.summary().activeStreams();
    }

    @Override
    public double getOverheadP50Seconds() {
        return metrics.summary().overheadP50Seconds();
    }

    @Override
    public double getOverheadP99Seconds() {
        return metrics.summary().overheadP99Seconds();
    }

    @Override
    public long getConfigReloads() {
        return metrics.summary().configReloads();
    }

    @Override
    public long getConfigReloadsRejected() {
        return metrics.summary().configReloadsRejected();
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return Descriptions.of(MetricsMXBean.class, info.getDescription());
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return Descriptions.of(MetricsMXBean.class, info);
    }

    private long sum(ToLongFunction<ProviderUsage> tokens) {
        return getUsageByProvider().values().stream().mapToLong(tokens).sum();
    }
}
