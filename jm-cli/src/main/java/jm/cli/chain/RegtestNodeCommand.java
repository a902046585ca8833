package jm.cli.chain;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jm.chain.regtest.RegtestNode;
import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jm regtest-node start}: runs the embedded regtest node until interrupted or sent {@code stop}. */
@Command(name = "regtest-node", mixinStandardHelpOptions = true,
        description = "The embedded regtest node (a local Bitcoin Core RPC subset on 127.0.0.1).",
        subcommands = {RegtestNodeCommand.Start.class})
public final class RegtestNodeCommand extends GroupCommand {
    /** The node's own directory inside the data directory. */
    static Path nodeDir(Path dataDir) {
        return dataDir.resolve("regtest-node");
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the node. It keeps its chain and its RPC cookie file in <data-dir>/regtest-node.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        jm.cli.common.DataDirOption dataDir;

        @Option(names = "--rpc-port", paramLabel = "N", defaultValue = "" + RegtestNode.DEFAULT_RPC_PORT,
                description = "RPC port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int rpcPort;

        @Option(names = "--rpc-user", paramLabel = "USER", description = "Also accept this rpc user (besides the cookie).")
        String rpcUser;

        @Option(names = "--rpc-password", paramLabel = "PASSWORD", description = "Password for --rpc-user.",
                arity = "0..1", interactive = true)
        String rpcPassword;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (rpcPort < 0 || rpcPort > 65535) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rpc-port out of range");
            }
            if ((rpcUser == null) != (rpcPassword == null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--rpc-user and --rpc-password go together");
            }
            Path dir = nodeDir(dataDir.resolveAndCreate());
            // a second node on the same directory (lock held) or a corrupt block file: one error line
            return jm.cli.common.CommandRun.run(spec, (out, err) -> {
                RegtestNode node = RegtestNode.start(dir, rpcPort, rpcUser, rpcPassword);
                jm.cli.common.ShutdownHook hook = jm.cli.common.ShutdownHook.install("regtest-node-shutdown", node::close);
                out.printf("regtest node: rpc %s  cookie %s  height %d%n", node.rpcUrl(), node.cookieFile(),
                        node.height());
                out.flush();
                node.closedFuture().join();
                hook.close(); // unless the hook is what closed the node
                return 0;
            });
        }
    }
}
