package jm.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import jm.chain.ChainUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

class CommandRunTest {
    @Command(name = "t")
    static final class T implements Runnable {
        @Override
        public void run() {
        }
    }

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CommandSpec spec;

    CommandRunTest() {
        CommandLine cl = new CommandLine(new T());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        spec = cl.getCommandSpec();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void passesTheBodysExitCodeThrough() {
        assertThat(CommandRun.run(spec, (o, e) -> {
            o.print("done");
            return 0;
        })).isZero();
        assertThat(out.toString()).isEqualTo("done");
    }

    @Test
    void aKnownFailureIsOneErrorLineAndExitOne() {
        assertThat(CommandRun.run(spec, (o, e) -> {
            throw new ChainUnavailableException("bitcoin node at http://127.0.0.1:1/ unreachable");
        })).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: bitcoin node at http://127.0.0.1:1/ unreachable"
                + System.lineSeparator());
    }

    @Test
    void anInterruptKeepsTheFlagAndSaysSo() {
        assertThat(CommandRun.run(spec, (o, e) -> {
            throw new InterruptedException();
        })).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(err.toString()).contains("error: interrupted");
    }
}
