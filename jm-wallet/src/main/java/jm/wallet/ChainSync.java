package jm.wallet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.chain.ChainBackend;
import jm.chain.WalletTx;
import jm.chain.WalletUtxo;
import jm.core.OutPoint;
import jm.wallet.coins.WalletCoin;
import jm.wallet.errors.WalletException;
import jm.wallet.keys.KeyPath;
import jm.wallet.store.WalletState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync with the chain: imports the wallet's descriptors into the backend's watch-only wallet,
 * grows the watched range while coins appear near its end (gap limit), settles signed
 * reservations, applies address-reuse protection to new coins and hands the unspent set to the
 * {@link CoinBook}.
 *
 * <p>The backend is called without the wallet lock held. Syncs may overlap: each takes a ticket
 * when it starts, and a sync that finishes after a later-started one has been applied does not
 * replace the newer unspent set.
 */
final class ChainSync {
    private static final Logger LOG = LoggerFactory.getLogger(ChainSync.class);
    private static final int MAX_SYNC_ROUNDS = 100;
    private static final int HISTORY_SCAN = 10_000;
    private static final Set<String> RECEIVING = Set.of("receive", "generate", "immature");

    private final String walletName;
    private final WalletConfig config;
    private final WalletMetadata meta;
    private final AddressBook addresses;
    private final CoinBook coins;
    private final Reservations reservations;
    private final Clock clock;
    private final long birthday;
    private volatile boolean reuseProtection = true;
    // guarded by meta
    private long lastImportEpochS;
    private long ticketsIssued;
    private long lastApplied;

    ChainSync(String walletName, WalletConfig config, WalletMetadata meta, AddressBook addresses, CoinBook coins,
              Reservations reservations, Clock clock, long birthday) {
        this.walletName = walletName;
        this.config = config;
        this.meta = meta;
        this.addresses = addresses;
        this.coins = coins;
        this.reservations = reservations;
        this.clock = clock;
        this.birthday = birthday;
    }

    void setReuseProtection(boolean on) {
        this.reuseProtection = on;
    }

    SyncReport sync(ChainBackend backend) {
        if (backend.network() != config.network()) {
            throw new WalletException("backend is on " + backend.network().wireName() + " but wallet '" + walletName
                    + "' is on " + config.network().wireName());
        }
        long ticket;
        long ts;
        synchronized (meta) {
            ticket = ++ticketsIssued;
            ts = lastImportEpochS == 0 ? (birthday == 0 ? 0 : Math.max(0, birthday - 7200))
                    : Math.max(0, lastImportEpochS - 7200);
        }
        backend.ensureWallet();
        long startedAt = clock.instant().getEpochSecond();
        List<WalletUtxo> utxos = List.of();
        List<WalletTx> txs = List.of();
        for (int round = 0; round < MAX_SYNC_ROUNDS; round++) {
            backend.importDescriptors(addresses.descriptors(ts));
            utxos = backend.listUnspent(0);
            txs = backend.listTransactions(HISTORY_SCAN);
            List<String> used = new ArrayList<>();
            utxos.forEach(u -> used.add(u.address()));
            txs.forEach(t -> used.add(t.address()));
            if (!addresses.markUsed(used)) {
                break;
            }
        }
        synchronized (meta) {
            lastImportEpochS = Math.max(lastImportEpochS, startedAt);
        }
        reservations.settle(backend);
        return apply(ticket, utxos, txs);
    }

    private SyncReport apply(long ticket, List<WalletUtxo> utxos, List<WalletTx> txs) {
        synchronized (meta) {
            WalletState before = meta.current();
            Map<String, String> firstTxid = firstReceipts(before, utxos, txs);
            Map<OutPoint, WalletCoin> fresh = new LinkedHashMap<>();
            List<OutPoint> newCoins = new ArrayList<>();
            List<OutPoint> reuseFrozen = new ArrayList<>();
            List<WalletUtxo> sorted = new ArrayList<>(utxos);
            sorted.sort(Comparator.comparing(WalletUtxo::outpoint));
            List<WalletUtxo> seenNow = new ArrayList<>();
            for (WalletUtxo u : sorted) {
                Optional<KeyPath> path = addresses.pathOf(u.address());
                if (path.isEmpty()) {
                    LOG.debug("wallet {}: ignoring coin on unknown address {}", walletName, u.address());
                    continue;
                }
                WalletCoin.Kind kind = WalletCoin.Kind.at(path.get());
                OutPoint op = u.outpoint();
                if (!before.seen().containsKey(op)) {
                    newCoins.add(op);
                    seenNow.add(u);
                    String first = firstTxid.get(u.address());
                    if (reuseProtection && kind == WalletCoin.Kind.STANDARD && first != null
                            && !first.equals(op.txid().toString())) {
                        reuseFrozen.add(op);
                        LOG.warn("wallet {}: froze a coin that arrived on an already used address (reuse protection)",
                                walletName);
                    }
                }
                fresh.put(op, new WalletCoin(op, u.value(), u.address(), u.scriptPubKey(), u.confirmations(),
                        path.get(), kind, false, false));
            }
            meta.update(next -> {
                seenNow.forEach(u -> next.markSeen(u.outpoint(), u.address()));
                reuseFrozen.forEach(o -> next.setFrozen(o, true));
            });
            if (ticket > lastApplied) {
                lastApplied = ticket;
                coins.replace(fresh);
            }
            return new SyncReport(fresh.size(), newCoins, reuseFrozen);
        }
    }

    /** The first receiving txid of each address: from earlier syncs, else the oldest seen now. */
    private static Map<String, String> firstReceipts(WalletState before, List<WalletUtxo> utxos, List<WalletTx> txs) {
        Map<String, String> firstTxid = new HashMap<>();
        Map<String, Integer> firstConf = new HashMap<>();
        Set<String> seenAddresses = new HashSet<>(before.seen().values());
        for (var e : before.seen().entrySet()) {
            firstTxid.putIfAbsent(e.getValue(), e.getKey().txid().toString());
        }
        List<Receipt> receipts = new ArrayList<>();
        for (WalletTx t : txs) {
            if (t.address() != null && RECEIVING.contains(t.category())) {
                receipts.add(new Receipt(t.address(), t.txid().toString(), t.confirmations()));
            }
        }
        for (WalletUtxo u : utxos) {
            receipts.add(new Receipt(u.address(), u.outpoint().txid().toString(), u.confirmations()));
        }
        for (Receipt r : receipts) {
            if (seenAddresses.contains(r.address())) {
                continue;
            }
            Integer best = firstConf.get(r.address());
            if (best == null || r.confirmations() > best
                    || (r.confirmations() == best && r.txid().compareTo(firstTxid.get(r.address())) < 0)) {
                firstConf.put(r.address(), r.confirmations());
                firstTxid.put(r.address(), r.txid());
            }
        }
        return firstTxid;
    }

    /** One payment to a wallet address, for finding the first (legitimate) deposit of each address. */
    private record Receipt(String address, String txid, int confirmations) {
    }
}
