package jm.cli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The directory's logging set-up in code is the one logback.xml gives every other command. */
class DirectoryLoggingTest {

    @Test
    void setsUpWhatLogbackXmlSetsUp() throws Exception {
        LoggerContext fromXml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(DirectoryLoggingTest.class.getResource("/logback.xml"));

        LoggerContext inCode = new LoggerContext();
        Configurator.ExecutionStatus status;
        System.setProperty(DirectoryLogging.PROPERTY, "true");
        try {
            status = configure(inCode);
        } finally {
            System.clearProperty(DirectoryLogging.PROPERTY);
        }
        assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(describe(inCode)).isEqualTo(describe(fromXml));
    }

    @Test
    void otherCommandsPassOnToLogbackXml() {
        LoggerContext lc = new LoggerContext();
        assertThat(configure(lc)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(lc.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private static Configurator.ExecutionStatus configure(LoggerContext lc) {
        DirectoryLogging c = new DirectoryLogging();
        c.setContext(lc);
        return c.configure(lc);
    }

    /** Every configured logger's level, and the root's appenders with their target and pattern. */
    private static List<String> describe(LoggerContext lc) {
        List<String> out = new ArrayList<>();
        for (Logger l : lc.getLoggerList()) {
            if (l.getLevel() != null) {
                out.add(l.getName() + "=" + l.getLevel());
            }
        }
        for (var it = lc.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            assertThat(a).isInstanceOf(ConsoleAppender.class);
            ConsoleAppender<?> console = (ConsoleAppender<?>) a;
            out.add(a.getName() + " " + console.getTarget() + " "
                    + ((PatternLayoutEncoder) console.getEncoder()).getPattern() + " started=" + a.isStarted());
        }
        out.sort(null);
        return out;
    }
}
