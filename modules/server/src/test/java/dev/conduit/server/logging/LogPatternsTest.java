package dev.conduit.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A message with line breaks a client or provider wrote in it stays one log line, on the console and in the file. */
class LogPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {LogbackSetup.PATTERN, Logging.FILE_PATTERN})
    void controlCharactersCannotForgeLines(String pattern) {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.conduit.access"), Level.INFO,
                "POST /v1/messages 502 provider=mock model={}", null, new Object[] {"x\r\n12:00:00.000 INFO  Forged - admin\tlogged in\u001b[2J"});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("model=x  12:00:00.000 INFO  Forged - admin logged in [2J" + System.lineSeparator());
        assertThat(line.lines()).hasSize(1);
    }
}
