package jm.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code jm wallet}, {@code jm maker}, ...): run without
 * one, it prints its usage to the command's output stream.
 */
public abstract class GroupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public final void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
