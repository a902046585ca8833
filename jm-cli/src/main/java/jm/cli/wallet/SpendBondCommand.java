package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import jm.chain.ChainBackend;
import jm.cli.common.ConfigException;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.wallet.SendPlan;
import jm.wallet.Wallet;
import jm.wallet.BondSpender;
import jm.wallet.keys.Branch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet spend-bond}: spends an expired fidelity bond to an address or a mixdepth. */
@Command(name = "spend-bond", mixinStandardHelpOptions = true,
        description = {"Spend an expired fidelity bond (the whole coin, less the miner fee) to an address or to a"
                + " mixdepth of this wallet.",
                "The transaction has nLockTime = the bond's locktime and sequence 0xfffffffe, as the bond's"
                        + " OP_CHECKLOCKTIMEVERIFY requires. Nodes accept it only once the chain's median time past"
                        + " is after the locktime: before that it is refused here, with the date.",
                "Shows the transaction and asks before broadcasting (--yes skips the question)."})
final class SpendBondCommand extends WalletSubcommand {
    @Mixin
    SyncOptions sync;

    @Option(names = "--bond", paramLabel = "TXID:VOUT", required = true,
            description = "The bond UTXO (see 'jm wallet bonds').")
    String bond;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    static final class Destination {
        @Option(names = "--to", paramLabel = "ADDRESS", description = "Destination address.")
        String address;

        @Option(names = "--to-mixdepth", paramLabel = "N",
                description = "Pay to a fresh internal address of this wallet's mixdepth N.")
        Integer mixdepth;
    }

    @Mixin
    BroadcastOptions broadcast;

    @Override
    Integer execute() throws IOException {
        OutPoint op;
        try {
            op = OutPoint.parse(bond);
        } catch (ProtocolException | IllegalArgumentException e) {
            throw new ConfigException("--bond: not TXID:VOUT: " + bond);
        }
        Wallet w = open(sync.wallet);
        try (ChainBackend chain = connect(w, sync)) {
            w.sync(chain);
            long now = chain.tipMedianTime();
            long rate = broadcast.rate(chain);
            BondSpender spender = new BondSpender(w);
            // refused before expiry before any address is handed out
            w.bondCoins().forEach((c, b) -> {
                if (c.outpoint().equals(op)) {
                    BondSpender.checkExpired(op, b.locktime(), now);
                }
            });
            String to = destination.address != null ? destination.address
                    : w.freshAddress(destination.mixdepth, Branch.INTERNAL).address();
            SendPlan plan = spender.spend(op, to, rate, now);
            if (!json) {
                var out = out();
                out.println("Spend fidelity bond " + op + " (" + plan.inputs().get(0).sats() + " sats, locktime "
                        + plan.transaction().getLockTime() + " = "
                        + Instant.ofEpochSecond(plan.transaction().getLockTime()) + ")");
                out.println("pay " + plan.amount().value() + " sats to " + to
                        + (destination.mixdepth != null ? " (mixdepth " + destination.mixdepth + ")" : ""));
                out.println("fee " + plan.fee().value() + " sats (" + rate + " sat/vB, " + plan.transaction().getVsize()
                        + " vB); txid " + plan.transaction().getTxId());
                out.flush();
            }
            return broadcastAfterAsking(w, chain, plan, broadcast, txid -> summary(op, plan, rate, txid));
        }
    }

    private static ObjectNode summary(OutPoint op, SendPlan plan, long rate, String broadcastTxid) {
        ObjectNode n = JSON.createObjectNode();
        n.put("txid", plan.transaction().getTxId().toString());
        n.put("broadcast", broadcastTxid != null);
        n.put("bond", op.toWire());
        n.put("locktime", plan.transaction().getLockTime());
        n.put("destination", plan.destination());
        n.put("amount", plan.amount().value());
        n.put("fee", plan.fee().value());
        n.put("feeRate", rate);
        n.put("vsize", plan.transaction().getVsize());
        n.put("hex", HexFormat.of().formatHex(plan.rawTransaction()));
        return n;
    }
}
