package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import jm.cli.common.ConfigException;
import jm.core.OutPoint;
import jm.wallet.Wallet;
import jm.wallet.store.CoinLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jm wallet release}: drop coin reservations by hand. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Release reserved coins (txid:vout, or --all) so that coin selection may spend them again.",
                "Reservations of a run that ended without signing are released by the next command anyway; "
                        + "this also releases coins signed into a CoinJoin that has not confirmed (only do that if "
                        + "you know it will never confirm). `jm wallet info --coins` shows what is reserved and why. "
                        + "Needs no node."})
final class ReleaseCommand extends WalletSubcommand {
    @Mixin
    OpenOptions open;

    @Parameters(arity = "0..*", paramLabel = "TXID:VOUT", description = "Coins to release.")
    List<String> outpoints;

    @Option(names = "--all", description = "Release every reserved coin.")
    boolean all;

    @Override
    Integer execute() throws IOException {
        boolean given = outpoints != null && !outpoints.isEmpty();
        if (given == all) {
            throw new ConfigException("give the coins to release (TXID:VOUT ...) or --all, not both");
        }
        List<OutPoint> ops = given ? outpoints.stream().map(FreezeCommand::parse).toList() : List.of();
        Wallet w = open(open);
        var before = w.reservations();
        List<OutPoint> released = w.releaseByHand(all ? List.copyOf(before.keySet()) : ops);
        if (json) {
            ObjectNode n = JSON.createObjectNode();
            var arr = n.putArray("released");
            released.forEach(o -> arr.add(o.toWire()));
            var notReserved = n.putArray("notReserved");
            ops.stream().filter(o -> !released.contains(o)).forEach(o -> notReserved.add(o.toWire()));
            printJson(n);
            return 0;
        }
        for (OutPoint o : released) {
            CoinLock l = before.get(o);
            out().println("released: " + o + " (was reserved " + Wallet.describe(l) + ")");
        }
        ops.stream().filter(o -> !released.contains(o)).forEach(o -> out().println("not reserved: " + o));
        if (all && released.isEmpty()) {
            out().println("no coin was reserved");
        }
        return 0;
    }
}
