package dev.conduit.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies the config's {@code LOG_LEVEL} and {@code LOG} to the running Logback, and hands the
 * worker's lines to a {@link LogFlusher}, which writes them out in batches.
 */
public final class Logging {

    static final String CONSOLE_APPENDER = "console";
    private static final String FILE_APPENDER = "file";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - "
            + LogbackSetup.MESSAGE + "%n";

    private static LogFlusher flusher;

    private Logging() {}

    /**
     * @param level a claude-code-router (pino) level: fatal, error, warn, info, debug or trace
     * @param logFile where to write a rolling log file, or null for the console only
     */
    public static synchronized void apply(String level, Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend is in charge (tests may use one)
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(logbackLevel(level));
        if (flusher == null) {
            flusher = LogFlusher.start();
        }
        if (root.getAppender(CONSOLE_APPENDER) instanceof BufferedConsoleAppender<ILoggingEvent> console) {
            flusher.hold(console);
        }
        if (logFile != null && root.getAppender(FILE_APPENDER) == null) {
            PrivateRollingFileAppender<ILoggingEvent> file = rollingFile(context, logFile);
            root.addAppender(file);
            flusher.hold(file);
        }
    }

    static Level logbackLevel(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "fatal", "error" -> Level.ERROR;
            case "warn" -> Level.WARN;
            case "debug" -> Level.DEBUG;
            case "trace" -> Level.TRACE;
            default -> Level.INFO;
        };
    }

    static PrivateRollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path file) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(FILE_PATTERN);
        encoder.start();

        PrivateRollingFileAppender<ILoggingEvent> appender = new PrivateRollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file.toString().replaceFirst("\\.log$", "") + ".%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf("20MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("500MB"));
        policy.start();

        appender.setRollingPolicy(policy);
        appender.start();
        return appender;
    }
}
