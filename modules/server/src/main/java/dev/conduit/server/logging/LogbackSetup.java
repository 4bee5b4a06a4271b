package dev.conduit.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration in code: console output with a compact pattern, found through the
 * {@link Configurator} service, so startup parses no XML. Levels and log files are adjusted once
 * the config is loaded, by {@link Logging}.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    /**
     * A message on one line: control characters a client or provider put into it (a model name,
     * an upstream's error text) become spaces, so nobody can forge log lines. Stack traces follow
     * the message as they are.
     */
    static final String MESSAGE = "%replace(%msg){'[\\x00-\\x1F\\x7F]', ' '}";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - " + MESSAGE + "%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        BufferedConsoleAppender<ILoggingEvent> console = new BufferedConsoleAppender<>();
        console.setContext(context);
        console.setName(Logging.CONSOLE_APPENDER);
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        // Jetty's startup lines say nothing the banner does not
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
