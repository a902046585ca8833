package jm.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command stops on a bad configured value with the same exit code and the same wording. */
class ConfigErrorExitCodeTest {
    @TempDir
    Path dir;

    record Run(int code, String err) {
    }

    Run jm(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void directoryMakerTakerAndDemoShareOneExitCodeAndWording() throws Exception {
        Files.writeString(dir.resolve("config.toml"), String.join("\n",
                "[network]",
                "directory_servers = [\"127.0.0.1:5222\"]",
                "[directory_server]",
                "port = \"abc\"",
                "[maker]",
                "min_size = \"abc\"",
                "[taker]",
                "minimum_makers = \"abc\"",
                ""));
        String d = dir.toString();
        Run directory = jm("directory", "start", "--local", "--data-dir", d);
        Run maker = jm("maker", "start", "--data-dir", d);
        Run taker = jm("taker", "coinjoin", "--data-dir", d, "--amount", "100000", "-m", "0", "--yes");
        assertThat(directory.err()).startsWith("error: [directory_server] port: 'abc' from ");
        assertThat(maker.err()).startsWith("error: [maker] min_size: 'abc' from ");
        assertThat(taker.err()).startsWith("error: [taker] minimum_makers: 'abc' from ");
        for (Run r : new Run[] {directory, maker, taker, jm("demo", "--makers", "0")}) {
            assertThat(r.code()).as(r.err()).isEqualTo(CommandRun.CONFIG_ERROR);
        }
    }

    @Test
    void anUnresolvableHostIsOneErrorLineNamingItNotAStackTrace() throws Exception {
        String d = dir.toString();
        Run maker = jm("maker", "start", "--data-dir", d, "--directory", "127.0.0.1:5222", "--listen",
                "no-such-host.invalid:5222");
        assertThat(maker.code()).isEqualTo(CommandRun.CONFIG_ERROR);
        assertThat(maker.err()).isEqualTo("error: --listen: cannot resolve host 'no-such-host.invalid'"
                + System.lineSeparator());
        Run directory = jm("directory", "start", "--local", "--data-dir", d, "--host", "no-such-host.invalid");
        assertThat(directory.code()).isEqualTo(CommandRun.CONFIG_ERROR);
        assertThat(directory.err()).isEqualTo("error: [directory_server] host: 'no-such-host.invalid' from flag "
                + "is not a host name this machine can resolve" + System.lineSeparator());
    }
}
