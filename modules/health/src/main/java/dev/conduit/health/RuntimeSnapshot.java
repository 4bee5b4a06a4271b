package dev.conduit.health;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;

/**
 * The worker process at a glance, for /health/detailed: process id, uptime, memory, CPU and
 * threads, read from the platform MXBeans.
 *
 * @param processCpuLoad share of all CPUs this process used recently (0..1), negative if unknown
 */
public record RuntimeSnapshot(
        long pid,
        Instant startedAt,
        Duration uptime,
        long heapUsedBytes,
        long heapMaxBytes,
        long nonHeapUsedBytes,
        double processCpuLoad,
        int availableProcessors,
        int liveThreads,
        int peakThreads) {

    public static RuntimeSnapshot current() {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuLoad()
                : -1;
        return new RuntimeSnapshot(
                runtime.getPid(),
                Instant.ofEpochMilli(runtime.getStartTime()),
                Duration.ofMillis(runtime.getUptime()),
                memory.getHeapMemoryUsage().getUsed(),
                memory.getHeapMemoryUsage().getMax(),
                memory.getNonHeapMemoryUsage().getUsed(),
                cpu,
                Runtime.getRuntime().availableProcessors(),
                threads.getThreadCount(),
                threads.getPeakThreadCount());
    }
}
