package jm.cli.directory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging set-up of logback.xml, made in code for the directory process only ({@link DirectoryMain}
 * sets {@link #PROPERTY}): reading the XML loads logback's configuration framework and the JDK's XML
 * parser, ~500 classes and ~3.5 MiB of resident memory held for the weeks a directory runs. Every
 * other command (property unset) passes on to logback.xml. DirectoryLoggingTest holds the two equal.
 */
public final class DirectoryLogging extends ContextAwareBase implements Configurator {
    /** The system property that selects this set-up ({@code true}). */
    public static final String PROPERTY = "jm.cli.directory.logging";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext lc) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(lc);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(lc);
        stderr.setName("STDERR");
        stderr.setTarget("System.err"); // JSON output on stdout stays clean
        stderr.setEncoder(encoder);
        stderr.start();
        lc.getLogger("io.netty").setLevel(Level.WARN);
        lc.getLogger("org.bitcoinj").setLevel(Level.WARN);
        // as logback.xml's ${JM_LOG_LEVEL:-INFO}: a system property, else the environment
        String level = System.getProperty("JM_LOG_LEVEL", System.getenv("JM_LOG_LEVEL"));
        lc.getLogger("jm").setLevel(Level.toLevel(level, Level.INFO));
        ch.qos.logback.classic.Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
