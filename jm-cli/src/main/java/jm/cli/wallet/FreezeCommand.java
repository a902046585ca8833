package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import jm.cli.common.ConfigException;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jm wallet freeze}: exclude coins from spending. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = "Freeze coins (txid:vout): coin selection never spends them until unfrozen. Needs no node.")
class FreezeCommand extends WalletSubcommand {
    @Mixin
    OpenOptions open;

    @Parameters(arity = "1..*", paramLabel = "TXID:VOUT", description = "Coins to change.")
    List<String> outpoints;

    boolean freeze() {
        return true;
    }

    @Override
    Integer execute() throws IOException {
        List<OutPoint> ops = outpoints.stream().map(FreezeCommand::parse).toList();
        Wallet w = open(open);
        for (OutPoint o : ops) {
            if (freeze()) {
                w.freeze(o);
            } else {
                w.unfreeze(o);
            }
        }
        if (json) {
            ObjectNode n = JSON.createObjectNode();
            n.put("action", freeze() ? "freeze" : "unfreeze");
            var arr = n.putArray("outpoints");
            ops.forEach(o -> arr.add(o.toWire()));
            printJson(n);
        } else {
            ops.forEach(o -> out().println((freeze() ? "frozen: " : "unfrozen: ") + o));
        }
        return 0;
    }

    static OutPoint parse(String s) {
        try {
            return OutPoint.parse(s.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (ProtocolException e) {
            throw new ConfigException("not a coin reference (txid:vout): " + s);
        }
    }

    /** {@code jm wallet unfreeze}. */
    @Command(name = "unfreeze", mixinStandardHelpOptions = true,
            description = "Unfreeze coins (txid:vout) so that coin selection may spend them again. Needs no node.")
    static final class Unfreeze extends FreezeCommand {
        @Override
        boolean freeze() {
            return false;
        }
    }
}
