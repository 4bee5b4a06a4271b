package dev.conduit.benchmarks;

/**
 * {@code java -jar benchmarks.jar [JMH options] [benchmark regex]}: JMH's own runner. The jar's
 * main class must be in this module, so this hands over to it.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
