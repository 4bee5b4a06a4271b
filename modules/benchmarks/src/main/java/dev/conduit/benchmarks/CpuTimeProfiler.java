package dev.conduit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof dev.conduit.benchmarks.CpuTimeProfiler}: the CPU time the benchmark's JVM spent per
 * operation ({@code cpu.time.norm}, µs/op), garbage collection included. On a machine shared with
 * other work the time per operation grows with the waiting for a core; the CPU time does not, so
 * it is the number to compare.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark's JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuAtStart = system.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
            IterationResult result) {
        long nanos = system.getProcessCpuTime() - cpuAtStart;
        long operations = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult("cpu.time.norm", nanos / 1_000.0 / operations, "us/op", AggregationPolicy.AVG));
    }
}
