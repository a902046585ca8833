package jm.cli.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import jm.cli.Main;
import picocli.CommandLine;

/** Runs {@code jm} in-process with captured output, as a user would type it. */
public final class Cli {
    private Cli() {
    }

    /** Exit code, stdout and stderr of one run. */
    public record Run(int code, String out, String err) {
    }

    public static Run jm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
