package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import jm.chain.ChainBackend;
import jm.wallet.MixdepthBalance;
import jm.wallet.SyncReport;
import jm.wallet.Wallet;
import jm.wallet.coins.WalletCoin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet info}: balances per mixdepth and the next deposit address of each. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Sync with the node and show the balance and next address of each mixdepth.",
                "Balances are split into confirmed, unconfirmed and frozen; each deposit address is recorded as "
                        + "handed out before it is shown."})
final class InfoCommand extends WalletSubcommand {
    @Mixin
    SyncOptions sync;

    @Option(names = "--coins", description = "Also list every coin.")
    boolean listCoins;

    @Override
    Integer execute() throws IOException {
        Wallet w = openForReading(sync.wallet);
        SyncReport report;
        try (ChainBackend chain = connect(w, sync)) {
            report = w.sync(chain);
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("wallet", w.name());
            root.put("network", w.config().network().wireName());
            ArrayNode mds = root.putArray("mixdepths");
            long total = 0;
            for (MixdepthBalance b : w.balances()) {
                ObjectNode n = mds.addObject();
                n.put("mixdepth", b.mixdepth());
                n.put("confirmed", b.confirmed().value());
                n.put("unconfirmed", b.unconfirmed().value());
                n.put("frozen", b.frozen().value());
                n.put("bond", b.bond().value());
                deposit(w, b.mixdepth()).ifPresentOrElse(a -> n.put("depositAddress", a),
                        () -> n.putNull("depositAddress"));
                n.put("xpub", w.accountExport(b.mixdepth()));
                total += b.total().value();
            }
            root.put("total", total);
            root.put("readOnly", w.readOnly());
            ArrayNode released = root.putArray("releasedReservations");
            w.releasedAtOpen().forEach(o -> released.add(o.toWire()));
            ArrayNode frozen = root.putArray("reuseFrozen");
            report.reuseFrozen().forEach(o -> frozen.add(o.toWire()));
            if (listCoins) {
                ArrayNode coins = root.putArray("coins");
                for (WalletCoin c : w.coins()) {
                    ObjectNode cn = coinJson(c);
                    reservation(w, c).ifPresent(why -> cn.put("reservedBecause", why));
                    coins.add(cn);
                }
            }
            printJson(root);
            return 0;
        }
        var out = out();
        out.println("Wallet '" + w.name() + "' (" + w.config().network().wireName() + ")");
        out.printf("%-8s %16s %16s %16s  %s%n", "mixdepth", "confirmed", "unconfirmed", "frozen", "deposit address");
        long total = 0;
        for (MixdepthBalance b : w.balances()) {
            out.printf("%-8d %16s %16s %16s  %s%n", b.mixdepth(), btc(b.confirmed().value()),
                    btc(b.unconfirmed().value()), btc(b.frozen().value()),
                    deposit(w, b.mixdepth()).orElse("(none handed out while the wallet is in use)"));
            if (b.bond().value() > 0) {
                out.printf("%-8s %16s (fidelity bond)%n", "", btc(b.bond().value()));
            }
            total += b.total().value();
        }
        out.println("total: " + btc(total) + " BTC");
        if (!w.releasedAtOpen().isEmpty()) {
            out.println("released " + w.releasedAtOpen().size() + " coin(s) reserved by an earlier run that ended"
                    + " without signing: " + w.releasedAtOpen());
        }
        for (var o : report.reuseFrozen()) {
            out.println("froze " + o + ": it arrived on an address that was already used (unfreeze to spend it)");
        }
        if (listCoins) {
            for (WalletCoin c : w.coins()) {
                out.printf("%s  %s  %s  conf=%d%s%s%s%n", c.outpoint(), btc(c.sats()), c.path(), c.confirmations(),
                        c.frozen() ? " frozen" : "", reservation(w, c).map(why -> " reserved " + why).orElse(""),
                        c.kind() == WalletCoin.Kind.BOND ? " bond" : "");
            }
        }
        return 0;
    }

    /** The deposit address to show: a new one only if this process may record it. */
    private static java.util.Optional<String> deposit(Wallet w, int mixdepth) {
        if (w.readOnly()) {
            return w.recordedDepositAddress(mixdepth).map(a -> a.address());
        }
        return java.util.Optional.of(w.depositAddress(mixdepth).address());
    }

    /** Why a coin is reserved ("(by X until T)" or the transaction it was signed into), if it is. */
    private static java.util.Optional<String> reservation(Wallet w, WalletCoin c) {
        if (!c.locked()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(w.reservations().get(c.outpoint())).map(l -> "(" + Wallet.describe(l) + ")");
    }

    static ObjectNode coinJson(WalletCoin c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("outpoint", c.outpoint().toWire());
        n.put("value", c.sats());
        n.put("mixdepth", c.mixdepth());
        n.put("path", c.path().toString());
        n.put("address", c.address());
        n.put("confirmations", c.confirmations());
        n.put("frozen", c.frozen());
        n.put("reserved", c.locked());
        n.put("bond", c.kind() == WalletCoin.Kind.BOND);
        return n;
    }

    /** Satoshis as a BTC decimal with 8 places, exactly. */
    static String btc(long sats) {
        return java.math.BigDecimal.valueOf(sats, 8).toPlainString();
    }
}
