package dev.conduit.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's log lines are written out in batches: none lost, none out of order, none late at exit. */
class LogFlusherTest {

    @TempDir
    Path folder;

    private final LoggerContext context = new LoggerContext();
    private Path file;
    private PrivateRollingFileAppender<ILoggingEvent> appender;
    private Logger logger;

    @BeforeEach
    void logToAFile() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        file = folder.resolve("logs/worker.log");
        appender = Logging.rollingFile(context, file); // the worker's own LOG file
        logger = context.getLogger("dev.conduit.access");
        logger.addAppender(appender);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void heldLinesAllArriveInOrderSoonAfter() throws Exception {
        LogFlusher.start().hold(appender);

        IntStream.range(0, 5_000).forEach(i -> logger.info("POST /v1/messages 200 line {}", i));

        List<String> expected = IntStream.range(0, 5_000).mapToObj(i -> "POST /v1/messages 200 line " + i).toList();
        assertThat(linesWithin(Duration.ofSeconds(5), expected.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void aLoneLineArrivesWithoutAnotherToPushIt() throws Exception {
        LogFlusher.start().hold(appender);

        logger.warn("provider mock answered 500");

        assertThat(linesWithin(Duration.ofSeconds(5), 1)).containsExactly("provider mock answered 500");
    }

    @Test
    void atExitWhatIsHeldIsWrittenAndEveryLineAfterAtOnce() throws Exception {
        LogFlusher.start().hold(appender);
        logger.info("held");

        appender.writeHeld(true); // what the flusher's shutdown hook does
        assertThat(messages()).containsExactly("held");

        logger.info("stopped");
        assertThat(messages()).containsExactly("held", "stopped");
    }

    @Test
    void anAppenderNoFlusherHoldsWritesEachLineAtOnce() throws Exception {
        logger.info("a command's line");

        assertThat(messages()).containsExactly("a command's line");
    }

    private List<String> linesWithin(Duration wait, int count) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        List<String> lines = messages();
        while (lines.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            lines = messages();
        }
        return lines;
    }

    /** The file's lines without the pattern's date, level, thread and logger. */
    private List<String> messages() throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.substring(line.indexOf(" - ") + 3)).toList();
    }
}
