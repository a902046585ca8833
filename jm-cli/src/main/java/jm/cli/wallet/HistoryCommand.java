package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import jm.chain.ChainBackend;
import jm.cli.common.ConfigException;
import jm.wallet.Wallet;
import jm.cli.common.RpcOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet history}: the wallet's transactions. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the wallet's transactions (oldest first) as the node's watch-only wallet records them.")
final class HistoryCommand extends WalletSubcommand {
    @Mixin
    OpenOptions open;

    @Mixin
    RpcOptions backend;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "At most N entries (default 100).")
    int count;

    @Override
    Integer execute() throws IOException {
        if (count < 1 || count > 100_000) {
            throw new ConfigException("--count must be 1..100000");
        }
        Wallet w = openForReading(open);
        List<Wallet.HistoryEntry> entries;
        try (ChainBackend chain = backend.connect(config(), w.config().network(), w.name(), common.dataDir())) {
            w.sync(chain);
            entries = w.history(chain, count);
        }
        if (json) {
            ArrayNode arr = JSON.createArrayNode();
            for (Wallet.HistoryEntry e : entries) {
                ObjectNode n = arr.addObject();
                n.put("txid", e.tx().txid().toString());
                n.put("category", e.tx().category());
                n.put("amount", e.tx().amountSats());
                n.put("address", e.tx().address());
                n.put("confirmations", e.tx().confirmations());
                n.put("blockTime", e.tx().blockTime());
                if (e.path().isPresent()) {
                    n.put("mixdepth", e.path().get().mixdepth());
                    n.put("path", e.path().get().toString());
                } else {
                    n.putNull("mixdepth");
                    n.putNull("path");
                }
            }
            printJson(arr);
        } else {
            for (Wallet.HistoryEntry e : entries) {
                out().printf("%s  %-8s %16s  conf=%-6d %s%s%n", e.tx().txid(), e.tx().category(),
                        InfoCommand.btc(e.tx().amountSats()), e.tx().confirmations(), e.tx().address(),
                        e.path().map(p -> "  (mixdepth " + p.mixdepth() + ")").orElse(""));
            }
        }
        return 0;
    }
}
