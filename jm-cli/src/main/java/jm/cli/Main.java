package jm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code jm} command. */
@Command(name = "jm", mixinStandardHelpOptions = true, version = "jm 0.1.0-SNAPSHOT",
        description = "joinmarket-java: JoinMarket maker, taker, directory and wallet.",
        subcommands = {CommandLine.HelpCommand.class, jm.cli.directory.DirectoryCommand.class,
                jm.cli.wallet.WalletCommand.class,
                jm.cli.chain.RegtestNodeCommand.class, jm.cli.chain.RegtestCommand.class,
                jm.cli.taker.TakerCommand.class, jm.cli.maker.MakerCommand.class,
                jm.cli.demo.DemoCommand.class, jm.cli.obwatch.ObwatchCommand.class,
                jm.cli.config.ConfigCommand.class, jm.cli.tumbler.TumblerCommand.class,
                jm.cli.daemon.DaemonCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The JDK HTTP server (embedded regtest node RPC, directory health endpoint) reads this
        // once, on first use: without it every small RPC answer waits ~40 ms for Nagle.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(run(args));
    }

    /** Runs the CLI in this process's context and returns its exit code. */
    public static int run(String... args) {
        return commandLine(jm.cli.common.CliContext.system()).execute(args);
    }

    /**
     * The {@code jm} command line for one invocation in {@code context} (environment, standard
     * input, stop signal); tests and embedding programs run it with their own context.
     */
    public static CommandLine commandLine(jm.cli.common.CliContext context) {
        CommandLine cl = new CommandLine(new Main(), new jm.cli.common.CliFactory(context));
        cl.setExecutionStrategy(parsed -> {
            describeProcess(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /**
     * Names this process after the command it runs ("jm maker start"), for the error another
     * command gets while this one holds a wallet's lock.
     */
    static void describeProcess(CommandLine.ParseResult parsed) {
        StringBuilder sb = new StringBuilder("jm");
        for (CommandLine.ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
            sb.append(' ').append(p.commandSpec().name());
        }
        jm.wallet.store.WalletLock.describeThisProcess(sb.toString());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
