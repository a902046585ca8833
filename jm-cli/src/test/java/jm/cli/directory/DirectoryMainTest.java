package jm.cli.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import jm.cli.Main;
import jm.cli.common.CliContext;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher's directory-only entry point runs the same {@code jm directory start} as {@code jm}. */
class DirectoryMainTest {

    @Test
    void directoryStartIsTheSameCommandAsUnderJm() {
        CommandLine full = Main.commandLine(CliContext.system());
        CommandLine slim = DirectoryMain.commandLine(CliContext.system());
        assertThat(slim.getSubcommands().keySet()).containsExactly("directory");
        assertThat(help(slim, "directory", "start", "--help")).isEqualTo(help(full, "directory", "start", "--help"));
        assertThat(help(slim, "directory", "--help")).isEqualTo(help(full, "directory", "--help"));
        Map<String, CommandLine> fullDirectory = full.getSubcommands().get("directory").getSubcommands();
        Map<String, CommandLine> slimDirectory = slim.getSubcommands().get("directory").getSubcommands();
        assertThat(slimDirectory.keySet()).isEqualTo(fullDirectory.keySet());
    }

    @Test
    void badOptionsAreRefusedWithTheUsualExitCode() {
        CommandLine slim = DirectoryMain.commandLine(CliContext.system());
        StringWriter err = new StringWriter();
        slim.setErr(new PrintWriter(err));
        assertThat(slim.execute("directory", "start", "--max-peers", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-peers");
    }

    private static String help(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }
}
