package jm.wallet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.coins.InsufficientFundsException;
import jm.wallet.coins.WalletCoin;
import jm.wallet.errors.WalletException;
import jm.wallet.store.CoinLock;
import jm.wallet.store.WalletState;

/**
 * The wallet's coins: the unspent set of the last sync with each coin's frozen/reserved status,
 * balances, the coins selection may use, and the records signing needs.
 *
 * <p>Signing and key lookups also accept a reserved coin that has left the unspent set (a
 * transaction of ours may still be signing it); every other record is dropped at the next sync,
 * so the records never outgrow the unspent set plus the reservations.
 */
final class CoinBook {
    private final String walletName;
    private final WalletMetadata meta;
    private final Clock clock;
    // guarded by meta
    private Map<OutPoint, WalletCoin> unspent = new LinkedHashMap<>();
    private final Map<OutPoint, WalletCoin> records = new HashMap<>();

    CoinBook(String walletName, WalletMetadata meta, Clock clock) {
        this.walletName = walletName;
        this.meta = meta;
        this.clock = clock;
    }

    /** Replaces the unspent set with what a sync found; records of coins neither unspent nor reserved are dropped. */
    void replace(Map<OutPoint, WalletCoin> fresh) {
        synchronized (meta) {
            Map<OutPoint, CoinLock> locks = meta.current().locks();
            records.keySet().removeIf(o -> !fresh.containsKey(o) && !locks.containsKey(o));
            records.putAll(fresh);
            unspent = new LinkedHashMap<>(fresh);
        }
    }

    /** Adds a coin the wallet did not learn from a sync. */
    void add(WalletCoin c) {
        synchronized (meta) {
            unspent.put(c.outpoint(), c);
            records.put(c.outpoint(), c);
        }
    }

    /** The record of a wallet coin, as signing and key lookups need it. */
    WalletCoin record(OutPoint outpoint) {
        synchronized (meta) {
            WalletCoin c = records.get(outpoint);
            if (c == null) {
                throw new WalletException("not a coin of wallet '" + walletName + "': " + outpoint);
            }
            return c;
        }
    }

    /** All unspent coins with their current frozen/reserved status. */
    List<WalletCoin> all() {
        long now = clock.instant().getEpochSecond();
        synchronized (meta) {
            WalletState s = meta.current();
            List<WalletCoin> out = new ArrayList<>(unspent.size());
            for (WalletCoin c : unspent.values()) {
                CoinLock l = s.locks().get(c.outpoint());
                out.add(c.withStatus(s.isFrozen(c.outpoint()), l != null && l.activeAt(now)));
            }
            return out;
        }
    }

    List<WalletCoin> of(int mixdepth) {
        return all().stream().filter(c -> c.mixdepth() == mixdepth).toList();
    }

    /** Coins of a mixdepth that selection may use: standard, not frozen, not reserved, enough confirmations. */
    List<WalletCoin> eligible(int mixdepth, int minConf) {
        return of(mixdepth).stream().filter(c -> c.eligible(minConf)).toList();
    }

    /** Every eligible coin of a mixdepth; at least one. */
    List<WalletCoin> sweepable(int mixdepth, int minConf) {
        List<WalletCoin> all = eligible(mixdepth, minConf);
        if (all.isEmpty()) {
            throw new InsufficientFundsException(1, 0);
        }
        return all;
    }

    MixdepthBalance balance(int mixdepth) {
        long conf = 0;
        long unconf = 0;
        long frozen = 0;
        long bond = 0;
        for (WalletCoin c : of(mixdepth)) {
            if (c.kind() == WalletCoin.Kind.BOND) {
                bond += c.sats();
            } else if (c.frozen()) {
                frozen += c.sats();
            } else if (c.confirmations() > 0) {
                conf += c.sats();
            } else {
                unconf += c.sats();
            }
        }
        return new MixdepthBalance(mixdepth, new Sats(conf), new Sats(unconf), new Sats(frozen), new Sats(bond));
    }
}
