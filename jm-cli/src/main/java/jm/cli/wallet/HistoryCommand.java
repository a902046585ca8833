package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import jm.chain.ChainBackend;
import jm.cli.common.ConfigException;
import jm.wallet.HistoryRow;
import jm.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet history}: one row per wallet transaction with its net effect. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the wallet's transactions (oldest first), one row per transaction with its net effect "
                + "on the wallet: received, sent (with the miner fee), internal (between our own mixdepths), "
                + "coinjoin-taker (with every fee paid: maker fees and the miner fee share) or coinjoin-maker "
                + "(with the fee earned); the mixdepths it touched, confirmations, time and txid.",
                "Classified from the chain alone (which inputs and outputs are ours), so it also works for a "
                        + "wallet restored from its seed.",
                "--json prints [{\"txid\",\"type\",\"net\",\"amount\",\"fee\",\"mixdepths\",\"confirmations\","
                        + "\"time\"}]: amounts in integer sats, fee null when unknown, time in Unix seconds "
                        + "(null while unconfirmed)."})
final class HistoryCommand extends WalletSubcommand {
    @Mixin
    SyncOptions sync;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100",
            description = "At most the last N transactions (default 100).")
    int count;

    @Override
    Integer execute() throws IOException {
        if (count < 1 || count > 100_000) {
            throw new ConfigException("--count must be 1..100000");
        }
        Wallet w = openForReading(sync.wallet);
        List<HistoryRow> rows;
        try (ChainBackend chain = connect(w, sync)) {
            w.sync(chain);
            rows = w.history(chain, count);
        }
        if (json) {
            ArrayNode arr = JSON.createArrayNode();
            for (HistoryRow r : rows) {
                ObjectNode n = arr.addObject();
                n.put("txid", r.txid().toString());
                n.put("type", r.type().wireName());
                n.put("net", r.netSats());
                n.put("amount", r.amountSats());
                if (r.feeSats().isPresent()) {
                    n.put("fee", r.feeSats().getAsLong());
                } else {
                    n.putNull("fee");
                }
                r.mixdepths().forEach(n.putArray("mixdepths")::add);
                n.put("confirmations", r.confirmations());
                if (r.blockTime() > 0) {
                    n.put("time", r.blockTime());
                } else {
                    n.putNull("time");
                }
            }
            printJson(arr);
        } else {
            out().printf("%-20s  %-14s %16s %16s %14s  %-9s %6s  %s%n", "time", "type", "net", "amount", "fee",
                    "mixdepths", "conf", "txid");
            for (HistoryRow r : rows) {
                out().printf("%-20s  %-14s %16s %16s %14s  %-9s %6d  %s%n",
                        r.blockTime() > 0 ? Instant.ofEpochSecond(r.blockTime()).toString() : "unconfirmed",
                        r.type().wireName(), InfoCommand.btc(r.netSats()), InfoCommand.btc(r.amountSats()),
                        r.feeSats().isPresent() ? InfoCommand.btc(r.feeSats().getAsLong()) : "-",
                        r.mixdepths().stream().map(String::valueOf).collect(Collectors.joining(",")),
                        r.confirmations(), r.txid());
            }
        }
        return 0;
    }
}
