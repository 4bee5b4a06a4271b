package dev.conduit.server.conformance;

import dev.conduit.server.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every case under {@code src/test/resources/conformance/} run through a real gateway in front of
 * a recording mock upstream, with the JDK's HTTP client as the client, so what is checked is the
 * bytes a client gets. One dynamic test per case, grouped by mapping.
 *
 * <p>A case marked {@code knownBug} fails with the bug's description (and fails too, asking for
 * the marker to go, once it passes). {@code -Dconformance.skipKnownBugs=true} skips them instead;
 * {@code -Dconformance.dump=true} writes what each case saw under
 * {@code target/conformance-actual/}, for writing new cases.
 */
class ConformanceSuiteTest {

    @RegisterExtension
    static final RunningGateway gateway = ConformanceGateway.gateway();

    @TestFactory
    Stream<DynamicNode> cases() {
        CaseRunner runner = new CaseRunner(gateway);
        Map<String, List<ConformanceCase>> byMapping = ConformanceCase.all().stream()
                .collect(Collectors.groupingBy(ConformanceCase::mapping, TreeMap::new, Collectors.toList()));
        return byMapping.entrySet().stream().map(mapping -> DynamicContainer.dynamicContainer(mapping.getKey(),
                mapping.getValue().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(runner, c)))));
    }

    private static void run(CaseRunner runner, ConformanceCase c) throws Exception {
        if (c.knownBug() != null && Boolean.getBoolean("conformance.skipKnownBugs")) {
            Assumptions.abort("known bug: " + c.knownBug());
        }
        List<String> problems = runner.run(c);
        if (Boolean.getBoolean("conformance.dump")) {
            dump(runner, c);
        }
        String report = c.id() + (c.description().isEmpty() ? "" : " (" + c.description() + ")") + ":\n  - "
                + String.join("\n  - ", problems) + "\n  client got:\n" + ClientResult.abbreviate(runner.lastBody);
        if (c.knownBug() != null) {
            if (problems.isEmpty()) {
                throw new AssertionError(c.id() + " is marked knownBug but passes: remove the marker (" + c.knownBug() + ")");
            }
            throw new AssertionError("KNOWN BUG " + c.knownBug() + "\n" + report);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(report);
        }
    }

    private static void dump(CaseRunner runner, ConformanceCase c) throws Exception {
        Path directory = Path.of("target", "conformance-actual", c.mapping());
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(c.name() + ".client.txt"), runner.lastBody);
        if (runner.lastUpstreamBody != null) {
            Files.writeString(directory.resolve(c.name() + ".upstream.json"),
                    JsonExpect.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(runner.lastUpstreamBody));
        }
    }
}
