package jm.cli.common;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reads the data directory and {@code config.toml} ({@link CommonOptions}) and
 * reports failures the {@link CommandRun} way: one {@code error:} line and an exit code, never a
 * stack trace.
 */
public abstract class ConfiguredCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected CommonOptions common;

    @Override
    public final Integer call() {
        return CommandRun.run(spec, this::execute);
    }

    /** The command itself: results to {@code out}, progress, warnings and errors to {@code err}. */
    protected abstract int execute(PrintWriter out, PrintWriter err) throws InterruptedException;
}
