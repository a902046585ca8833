package jm.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import jm.chain.ChainException;
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jm regtest mine|fund}: local experiments against a running embedded regtest node. */
@Command(name = "regtest", mixinStandardHelpOptions = true,
        description = "Mine blocks and fund addresses on a running embedded regtest node.",
        subcommands = {RegtestCommand.Mine.class, RegtestCommand.Fund.class})
public final class RegtestCommand extends GroupCommand {
    /** Where the node is and how to authenticate. */
    static final class Connection {
        @Mixin
        jm.cli.common.DataDirOption dataDir;

        @Option(names = "--rpc-url", paramLabel = "URL",
                description = "Node RPC URL (default: http://127.0.0.1:" + RegtestNode.DEFAULT_RPC_PORT + "/).")
        URI rpcUrl;

        @Option(names = "--rpc-cookie", paramLabel = "FILE", description = "The node's cookie file; by default the one in <data-dir>/regtest-node.")
        Path cookie;

        RpcClient client(String wallet) {
            URI url = rpcUrl != null ? rpcUrl : URI.create("http://127.0.0.1:" + RegtestNode.DEFAULT_RPC_PORT + "/");
            Path c = cookie != null ? cookie
                    : RegtestNodeCommand.nodeDir(dataDir.resolve()).resolve(".cookie");
            return new RpcClient(new RpcConfig(url, new RpcAuth.CookieFile(c), wallet, Duration.ofSeconds(60)));
        }

        /** Runs {@code call} with the faucet wallet; a node error is one line on stderr and exit code 1. */
        int withFaucet(picocli.CommandLine.Model.CommandSpec spec, FaucetCall call) {
            try {
                call.run(client(RegtestNode.FAUCET_WALLET), spec.commandLine().getOut());
                return 0;
            } catch (ChainException e) {
                spec.commandLine().getErr().println("regtest " + spec.name() + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** What a subcommand does with the faucet wallet's client. */
    @FunctionalInterface
    interface FaucetCall {
        void run(RpcClient faucet, java.io.PrintWriter out);
    }

    @Command(name = "mine", mixinStandardHelpOptions = true, description = "Mine N blocks (to the faucet by default).")
    static final class Mine implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "N", description = "Number of blocks (1..10000).")
        int blocks;

        @Option(names = "--to", paramLabel = "ADDRESS", description = "Pay the block rewards to this regtest address.")
        String to;

        @Mixin
        Connection conn;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (blocks < 1 || blocks > 10_000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "N must be 1..10000");
            }
            return conn.withFaucet(spec, (faucet, out) -> {
                String address = to != null ? to : faucet.callWallet("getnewaddress").asText();
                JsonNode hashes = faucet.call("generatetoaddress", blocks, address);
                long height = faucet.call("getblockcount").asLong();
                out.printf("mined %d block(s) to %s; height %d, tip %s%n", hashes.size(), address, height,
                        hashes.get(hashes.size() - 1).asText());
            });
        }
    }

    @Command(name = "fund", mixinStandardHelpOptions = true,
            description = "Pay AMOUNT_SATS to ADDRESS from the node's faucet (unconfirmed until mined).")
    static final class Fund implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDRESS", description = "Regtest address to pay.")
        String address;

        @Parameters(index = "1", paramLabel = "AMOUNT_SATS", description = "Amount in satoshis.")
        long sats;

        @Mixin
        Connection conn;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (sats <= 0 || sats > jm.core.Sats.MAX_MONEY) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "AMOUNT_SATS out of range");
            }
            return conn.withFaucet(spec, (faucet, out) ->
                    out.println(faucet.callWallet("sendtoaddress", address, RpcClient.satsToBtc(sats)).asText()));
        }
    }
}
