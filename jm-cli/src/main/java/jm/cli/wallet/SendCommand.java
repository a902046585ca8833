package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.cli.common.ConfigException;
import jm.core.Sats;
import jm.wallet.SendPlan;
import jm.wallet.Wallet;
import jm.wallet.coins.WalletCoin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet send}: a plain (non-CoinJoin) payment from one mixdepth. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Pay an address from one mixdepth with a plain (non-CoinJoin) transaction.",
                "Shows the transaction and asks before broadcasting (--yes skips the question).",
                "Change goes to a fresh internal address of the same mixdepth."})
final class SendCommand extends WalletSubcommand {
    @Mixin
    SyncOptions sync;

    @Option(names = {"-m", "--mixdepth"}, paramLabel = "N", required = true, description = "Mixdepth to spend from.")
    int mixdepth;

    @Option(names = "--to", paramLabel = "ADDRESS", required = true, description = "Destination address.")
    String to;

    @Option(names = "--amount", paramLabel = "SATS", description = "Amount in satoshis (0 = everything eligible, like --sweep; not together with --sweep).")
    Long amount;

    @Option(names = "--sweep", description = "Send every eligible coin of the mixdepth (no change); not together with --amount.")
    boolean sweep;

    @Option(names = "--min-conf", paramLabel = "N", defaultValue = "1", description = "Spend only coins with N confirmations (default 1).")
    int minConf;

    @Mixin
    BroadcastOptions broadcast;

    @Override
    Integer execute() throws IOException {
        Optional<Sats> amt;
        if (sweep && amount != null) {
            throw new ConfigException("--amount and --sweep conflict: give --amount SATS to pay that much, or --sweep"
                    + " to send everything eligible in the mixdepth");
        }
        if (sweep || (amount != null && amount == 0)) {
            amt = Optional.empty();
        } else if (amount == null) {
            throw new ConfigException("give --amount SATS or --sweep");
        } else if (amount < 0) {
            throw new ConfigException("--amount must be positive");
        } else {
            amt = Optional.of(new Sats(amount));
        }
        if (minConf < 0) {
            throw new ConfigException("--min-conf must not be negative");
        }
        Wallet w = open(sync.wallet);
        try (ChainBackend chain = connect(w, sync)) {
            w.sync(chain);
            long rate = broadcast.rate(chain);
            SendPlan plan = w.createSend(mixdepth, to, amt, rate, minConf);
            show(plan, rate);
            return broadcastAfterAsking(w, chain, plan, broadcast, txid -> summary(plan, rate, txid));
        }
    }

    private void show(SendPlan plan, long rate) {
        if (json) {
            return;
        }
        var out = out();
        long in = plan.inputs().stream().mapToLong(WalletCoin::sats).sum();
        long change = in - plan.amount().value() - plan.fee().value();
        out.println("Pay " + plan.amount().value() + " sats (" + InfoCommand.btc(plan.amount().value()) + " BTC) to "
                + plan.destination() + (amount == null || amount == 0 ? " (sweep: everything eligible)" : ""));
        out.println("spending " + plan.inputs().size() + " coin(s) of mixdepth " + mixdepth + ", " + in + " sats:");
        for (WalletCoin c : plan.inputs()) {
            out.println("  " + c.outpoint() + "  " + c.sats() + " sats");
        }
        out.println("fee " + plan.fee().value() + " sats (" + rate + " sat/vB, " + plan.transaction().getVsize()
                + " vB)");
        plan.change().ifPresentOrElse(
                ch -> out.println("change " + change + " sats back to " + ch.address() + " (" + ch.path() + ")"),
                () -> out.println("no change"));
        out.println("leaves the wallet: " + (plan.amount().value() + plan.fee().value()) + " sats; txid "
                + plan.transaction().getTxId());
        out.flush();
    }

    private ObjectNode summary(SendPlan plan, long rate, String broadcastTxid) {
        ObjectNode n = JSON.createObjectNode();
        n.put("txid", plan.transaction().getTxId().toString());
        n.put("broadcast", broadcastTxid != null);
        n.put("destination", plan.destination());
        n.put("amount", plan.amount().value());
        n.put("fee", plan.fee().value());
        long in = plan.inputs().stream().mapToLong(WalletCoin::sats).sum();
        n.put("inputTotal", in);
        n.put("change", in - plan.amount().value() - plan.fee().value());
        n.put("feeRate", rate);
        n.put("vsize", plan.transaction().getVsize());
        var inputs = n.putArray("inputs");
        plan.inputs().forEach(c -> inputs.add(c.outpoint().toWire()));
        plan.change().ifPresentOrElse(c -> n.put("changeAddress", c.address()), () -> n.putNull("changeAddress"));
        n.put("hex", HexFormat.of().formatHex(plan.rawTransaction()));
        return n;
    }
}
