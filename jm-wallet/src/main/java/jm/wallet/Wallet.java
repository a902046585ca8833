package jm.wallet;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import jm.chain.ChainBackend;
import jm.chain.DescriptorImport;
import jm.chain.WalletTx;
import jm.chain.WalletUtxo;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.bond.BondAddress;
import jm.wallet.bond.BondBranch;
import jm.wallet.coins.CoinSelector;
import jm.wallet.coins.InsufficientFundsException;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.KeyPath;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletAddress;
import jm.wallet.keys.WalletType;
import jm.wallet.store.CoinLock;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;
import jm.wallet.store.StateStore;
import jm.wallet.store.WalletFile;
import jm.wallet.store.WalletHeader;
import jm.wallet.store.WalletLock;
import jm.wallet.store.WalletSecrets;
import jm.wallet.store.WalletState;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JoinMarket HD wallet: mixdepth accounts derived from a mnemonic, coins from the chain
 * backend, coin selection, signing and persisted metadata.
 *
 * <p>Every method that hands out an address or changes metadata persists the change (atomic
 * file replacement) before it returns; if persisting fails it throws and nothing was handed
 * out. Methods are thread-safe. {@link #sync}, {@link #history} and {@link #broadcast} call the
 * backend and block; the others touch only memory and the metadata file. None may be called
 * on a Netty event loop.
 */
public final class Wallet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);
    /** Outputs below this are not created as change (added to the fee instead). */
    public static final long CHANGE_DUST_SATS = 2_730;
    private static final int MAX_SYNC_ROUNDS = 100;
    private static final int HISTORY_SCAN = 10_000;

    private final String name;
    private final WalletConfig config;
    private final HdKeys keys;
    private final BondBranch bondBranch;
    private final StateStore store;
    private final Clock clock;
    private final long birthday;
    private final Object syncLock = new Object();
    private final WalletLock writerLock;
    private final List<OutPoint> releasedAtOpen;
    private boolean readOnly;

    private WalletState state;
    private Map<OutPoint, WalletCoin> coins = new LinkedHashMap<>();
    private final Map<OutPoint, WalletCoin> known = new HashMap<>();
    private final Map<String, KeyPath> addressIndex = new HashMap<>();
    private final Map<String, BondAddress> bondIndex = new HashMap<>();
    private final Set<String> usedAddresses = new HashSet<>();
    private final int[][] derivedCount;
    private long lastImportEpochS;
    private volatile boolean reuseProtection = true;

    private Wallet(String name, WalletConfig config, HdKeys keys, StateStore store, Clock clock, long birthday) {
        this(name, config, keys, store, clock, birthday, null);
    }

    private Wallet(String name, WalletConfig config, HdKeys keys, StateStore store, Clock clock, long birthday,
                   WalletLock writerLock) {
        this.name = name;
        this.writerLock = writerLock;
        this.config = config;
        this.keys = keys;
        this.bondBranch = new BondBranch(keys);
        this.store = store;
        this.clock = clock;
        this.birthday = birthday;
        this.derivedCount = new int[config.mixdepths()][2];
        this.state = store.load();
        for (int t : state.bondTimenumbers()) {
            BondAddress b = bondBranch.address(t);
            bondIndex.put(b.address(), b);
        }
        this.releasedAtOpen = writerLock == null ? List.of() : releaseLeftoverReservations();
    }

    /**
     * We just took the writer lock, so every reservation on disk was made by a process that is
     * gone: those that signed nothing are released; signed ones stay until {@link #sync} sees
     * their transaction confirm or become impossible.
     */
    private List<OutPoint> releaseLeftoverReservations() {
        List<OutPoint> stale = state.locks().entrySet().stream().filter(e -> !e.getValue().signed())
                .map(Map.Entry::getKey).toList();
        if (!stale.isEmpty()) {
            WalletState next = state.copy();
            stale.forEach(next::unlock);
            store.save(next);
            state = next;
            LOG.info("wallet {}: released {} coin(s) reserved by an earlier run that signed nothing", name,
                    stale.size());
        }
        return stale;
    }

    // ---------------------------------------------------------------- creation and opening

    /** A wallet whose metadata lives in {@code store} (in memory for tests and derivation). */
    public static Wallet fromMnemonic(String name, Mnemonic mnemonic, Passphrase passphrase, WalletConfig config,
                                      StateStore store, Clock clock, long birthday) {
        return new Wallet(name, config, HdKeys.fromMnemonic(mnemonic, passphrase, config.network(), config.type()),
                store, clock, birthday);
    }

    /**
     * Creates a wallet file (refusing to overwrite one) and returns the open wallet. The file is
     * durable before this returns, so the caller may then show the mnemonic.
     *
     * @param storePassphrase whether the passphrase is stored in the (encrypted) file; if not,
     *                        it must be given again at every open
     * @param birthday        Unix seconds before the first transaction (0 = rescan everything)
     */
    public static Wallet create(WalletStorage storage, String name, Mnemonic mnemonic, Passphrase passphrase,
                                boolean storePassphrase, Password password, WalletConfig config, KdfParams kdf,
                                SecureRandom random, Clock clock, long birthday) {
        HdKeys keys = HdKeys.fromMnemonic(mnemonic, passphrase, config.network(), config.type());
        String check = keys.address(0, Branch.EXTERNAL, 0).address();
        boolean stored = storePassphrase && !passphrase.isEmpty();
        WalletHeader header = new WalletHeader(config.network(), config.type(), config.mixdepths(), stored, birthday);
        WalletLock lock = WalletLock.acquire(storage.lockFile(name), name);
        try {
            WalletFile.create(storage.walletFile(name), header,
                    new WalletSecrets(mnemonic, stored ? passphrase : null, check), password, kdf, random,
                    storage.files());
            LOG.info("wallet {}: created ({}, {} mixdepths)", name, config.network().wireName(), config.mixdepths());
            return new Wallet(name, config, keys, StateStore.file(storage.stateFile(name), storage.files(), lock),
                    clock, birthday, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens an existing wallet.
     *
     * @param passphrase the BIP39 passphrase if it is not stored in the file (ignored if it is);
     *                   {@code null} or empty means none
     * @param gapLimit   unused addresses to watch per branch
     * @throws jm.wallet.store.WrongPasswordException if the password is wrong
     * @throws WalletException if the passphrase gives a different wallet than the one created
     */
    public static Wallet open(WalletStorage storage, String name, Password password, Passphrase passphrase,
                              int gapLimit, Clock clock) {
        WalletLock lock = WalletLock.acquire(storage.lockFile(name), name);
        try {
            return open(storage, name, password, passphrase, gapLimit, clock, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens an existing wallet without its writer lock, for commands that only read (balances,
     * coins, history) beside a process that holds it. Nothing is ever written: what a sync learns
     * stays in memory, and no new address is handed out (see {@link #recordedDepositAddress}).
     */
    public static Wallet openReadOnly(WalletStorage storage, String name, Password password, Passphrase passphrase,
                                      int gapLimit, Clock clock) {
        return open(storage, name, password, passphrase, gapLimit, clock, null);
    }

    private static Wallet open(WalletStorage storage, String name, Password password, Passphrase passphrase,
                               int gapLimit, Clock clock, WalletLock lock) {
        WalletFile.Opened opened = WalletFile.open(storage.walletFile(name), password);
        WalletHeader h = opened.header();
        Passphrase pp = opened.secrets().storedPassphrase()
                .orElse(passphrase == null ? Passphrase.NONE : passphrase);
        WalletConfig config = new WalletConfig(h.network(), h.type(), h.mixdepths(), gapLimit);
        HdKeys keys = HdKeys.fromMnemonic(opened.secrets().mnemonic(), pp, config.network(), config.type());
        Optional<String> check = opened.secrets().checkAddress();
        if (check.isPresent() && !check.get().equals(keys.address(0, Branch.EXTERNAL, 0).address())) {
            throw new WalletException("the passphrase does not match wallet '" + name + "'");
        }
        StateStore store = lock == null ? StateStore.readOnly(storage.stateFile(name))
                : StateStore.file(storage.stateFile(name), storage.files(), lock);
        Wallet w = new Wallet(name, config, keys, store, clock, h.birthday(), lock);
        w.readOnly = lock == null;
        return w;
    }

    /** Whether this wallet was opened without the writer lock (nothing is written). */
    public boolean readOnly() {
        return readOnly;
    }

    /** Reservations released when this process took the writer lock (left by a run that signed nothing). */
    public List<OutPoint> releasedAtOpen() {
        return releasedAtOpen;
    }

    /** Releases the writer lock (if held). The wallet must not be used afterwards. */
    @Override
    public void close() {
        if (writerLock != null) {
            writerLock.close();
        }
    }

    // ---------------------------------------------------------------- identity

    /**
     * Address-reuse protection (on by default): a sync freezes new coins that arrive on an address
     * which already received in another transaction.
     */
    public void setReuseProtection(boolean on) {
        this.reuseProtection = on;
    }

    public String name() {
        return name;
    }

    public WalletConfig config() {
        return config;
    }

    public int mixdepths() {
        return config.mixdepths();
    }

    /** Account export of a mixdepth as the reference prints it ({@code fbonds-mpk-} on mixdepth 0). */
    public String accountExport(int mixdepth) {
        checkMixdepth(mixdepth);
        return keys.accountExport(mixdepth, config.type() == WalletType.P2WPKH);
    }

    // ---------------------------------------------------------------- addresses

    /**
     * The next never-handed-out address of a branch. The new index is persisted before this
     * returns, so the address is never handed out again, even after a crash.
     */
    public synchronized WalletAddress freshAddress(int mixdepth, Branch branch) {
        checkMixdepth(mixdepth);
        if (branch == Branch.BOND) {
            throw new IllegalArgumentException("use bondAddress for the bond branch");
        }
        int index = state.nextIndex(mixdepth, branch);
        WalletState next = state.copy();
        next.raiseNextIndex(mixdepth, branch, index + 1);
        store.save(next);
        state = next;
        WalletAddress a = keys.address(mixdepth, branch, index);
        addressIndex.put(a.address(), a.path());
        LOG.debug("wallet {}: handed out {} {}", name, a.path(), a.address());
        return a;
    }

    /**
     * The deposit address of a mixdepth: the most recently handed-out external address if no
     * coin has been seen on it, otherwise a fresh one. Always an address already recorded as
     * handed out.
     */
    public synchronized WalletAddress depositAddress(int mixdepth) {
        return recordedDepositAddress(mixdepth).orElseGet(() -> freshAddress(mixdepth, Branch.EXTERNAL));
    }

    /**
     * The deposit address {@link #depositAddress} would return if that needs no new one: the most
     * recently handed-out external address while no coin has been seen on it. Writes nothing.
     */
    public synchronized Optional<WalletAddress> recordedDepositAddress(int mixdepth) {
        checkMixdepth(mixdepth);
        int next = state.nextIndex(mixdepth, Branch.EXTERNAL);
        if (next > 0) {
            WalletAddress last = keys.address(mixdepth, Branch.EXTERNAL, next - 1);
            if (!state.seen().containsValue(last.address()) && !usedAddresses.contains(last.address())) {
                return Optional.of(last);
            }
        }
        return Optional.empty();
    }

    /** Derives an address without handing it out (display and tests). */
    public WalletAddress deriveAddress(int mixdepth, Branch branch, int index) {
        checkMixdepth(mixdepth);
        return keys.address(mixdepth, branch, index);
    }

    /** The first index of a branch not yet handed out. */
    public synchronized int nextIndex(int mixdepth, Branch branch) {
        return state.nextIndex(mixdepth, branch);
    }

    /** The fidelity-bond address for a timenumber, recorded so that sync watches it. */
    public synchronized BondAddress bondAddress(int timenumber) {
        BondAddress b = bondBranch.address(timenumber);
        if (!state.bondTimenumbers().contains(timenumber)) {
            WalletState next = state.copy();
            next.addBond(timenumber);
            store.save(next);
            state = next;
        }
        bondIndex.put(b.address(), b);
        return b;
    }

    /** Path of a wallet address (external/internal within the watched range, or a recorded bond). */
    public synchronized Optional<KeyPath> pathOf(String address) {
        ensureDerived();
        KeyPath p = addressIndex.get(address);
        if (p != null) {
            return Optional.of(p);
        }
        BondAddress b = bondIndex.get(address);
        return b == null ? Optional.empty() : Optional.of(b.path());
    }

    /** The fidelity-bond coins (from the last sync) with their bond addresses (locktime, witness script). */
    public synchronized Map<WalletCoin, BondAddress> bondCoins() {
        Map<WalletCoin, BondAddress> out = new LinkedHashMap<>();
        for (WalletCoin c : coins()) {
            if (c.kind() == WalletCoin.Kind.BOND) {
                out.put(c, bondIndex.get(c.address()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- keys

    /** The private key of a wallet coin (for PoDLE, the {@code !ioauth} auth signature, bond proofs). */
    public synchronized ECKey keyFor(OutPoint outpoint) {
        WalletCoin c = known.get(outpoint);
        if (c == null) {
            throw new WalletException("not a coin of wallet '" + name + "': " + outpoint);
        }
        return keyAt(c.path());
    }

    /** The private key of a wallet address. */
    public ECKey keyForAddress(String address) {
        return keyAt(pathOf(address).orElseThrow(
                () -> new WalletException("not an address of wallet '" + name + "': " + address)));
    }

    private ECKey keyAt(KeyPath path) {
        return path.branch() == Branch.BOND ? bondBranch.key(path.index()) : keys.key(path);
    }

    // ---------------------------------------------------------------- chain sync

    /** Descriptors this wallet asks the backend to watch. */
    public synchronized List<DescriptorImport> descriptors(long timestamp) {
        List<DescriptorImport> out = new ArrayList<>();
        for (int m = 0; m < config.mixdepths(); m++) {
            for (Branch b : List.of(Branch.EXTERNAL, Branch.INTERNAL)) {
                String inner = "wpkh(" + keys.accountXpub(m) + "/" + b.index() + "/*)";
                String desc = config.type() == WalletType.P2WPKH ? inner : "sh(" + inner + ")";
                int end = state.nextIndex(m, b) + config.gapLimit() - 1;
                out.add(new DescriptorImport(desc, end, timestamp, b == Branch.INTERNAL));
            }
        }
        for (int t : state.bondTimenumbers()) {
            out.add(new DescriptorImport("addr(" + bondBranch.address(t).address() + ")", 0, timestamp, false));
        }
        return out;
    }

    /**
     * Imports the wallet's descriptors into the backend's watch-only wallet, reads its coins,
     * extends the watched range while coins appear near its end (gap limit), applies
     * address-reuse protection to new coins and persists what it learned.
     */
    public SyncReport sync(ChainBackend backend) {
        synchronized (syncLock) {
            if (backend.network() != config.network()) {
                throw new WalletException("backend is on " + backend.network().wireName() + " but wallet '" + name
                        + "' is on " + config.network().wireName());
            }
            backend.ensureWallet();
            long ts = lastImportEpochS == 0 ? (birthday == 0 ? 0 : Math.max(0, birthday - 7200))
                    : Math.max(0, lastImportEpochS - 7200);
            long startedAt = clock.instant().getEpochSecond();
            List<WalletUtxo> utxos = List.of();
            List<WalletTx> txs = List.of();
            for (int round = 0; round < MAX_SYNC_ROUNDS; round++) {
                backend.importDescriptors(descriptors(ts));
                utxos = backend.listUnspent(0);
                txs = backend.listTransactions(HISTORY_SCAN);
                if (!raiseIndicesFromUsage(utxos, txs)) {
                    break;
                }
            }
            lastImportEpochS = startedAt;
            settleSignedReservations(backend);
            return applyUtxos(utxos, txs);
        }
    }

    /** Raises next indices past every used address; true if the watched range must grow. */
    private synchronized boolean raiseIndicesFromUsage(List<WalletUtxo> utxos, List<WalletTx> txs) {
        ensureDerived();
        WalletState next = state.copy();
        boolean grew = false;
        List<String> used = new ArrayList<>();
        utxos.forEach(u -> used.add(u.address()));
        txs.forEach(t -> used.add(t.address()));
        used.stream().filter(java.util.Objects::nonNull).forEach(usedAddresses::add);
        for (String a : used) {
            KeyPath p = a == null ? null : addressIndex.get(a);
            if (p != null && p.index() >= next.nextIndex(p.mixdepth(), p.branch())) {
                next.raiseNextIndex(p.mixdepth(), p.branch(), p.index() + 1);
                grew = true;
            }
        }
        if (grew) {
            store.save(next);
            state = next;
            ensureDerived();
        }
        return grew;
    }

    private synchronized SyncReport applyUtxos(List<WalletUtxo> utxos, List<WalletTx> txs) {
        ensureDerived();
        // the first receiving txid of each address: from earlier syncs, else the oldest seen now
        Map<String, String> firstTxid = new HashMap<>();
        Map<String, Integer> firstConf = new HashMap<>();
        Set<String> seenAddresses = new HashSet<>(state.seen().values());
        for (var e : state.seen().entrySet()) {
            firstTxid.putIfAbsent(e.getValue(), e.getKey().txid().toString());
        }
        List<Receipt> receipts = new ArrayList<>();
        for (WalletTx t : txs) {
            if (t.address() != null && ("receive".equals(t.category()) || "generate".equals(t.category())
                    || "immature".equals(t.category()))) {
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

        WalletState next = state.copy();
        Map<OutPoint, WalletCoin> fresh = new LinkedHashMap<>();
        List<OutPoint> newCoins = new ArrayList<>();
        List<OutPoint> reuseFrozen = new ArrayList<>();
        List<WalletUtxo> sorted = new ArrayList<>(utxos);
        sorted.sort(Comparator.comparing(WalletUtxo::outpoint));
        for (WalletUtxo u : sorted) {
            KeyPath path = addressIndex.get(u.address());
            WalletCoin.Kind kind = WalletCoin.Kind.STANDARD;
            if (path == null) {
                BondAddress b = bondIndex.get(u.address());
                if (b == null) {
                    LOG.debug("wallet {}: ignoring coin on unknown address {}", name, u.address());
                    continue;
                }
                path = b.path();
                kind = WalletCoin.Kind.BOND;
            }
            OutPoint op = u.outpoint();
            if (!state.seen().containsKey(op)) {
                newCoins.add(op);
                next.markSeen(op, u.address());
                String first = firstTxid.get(u.address());
                if (reuseProtection && kind == WalletCoin.Kind.STANDARD && first != null
                        && !first.equals(op.txid().toString())) {
                    next.setFrozen(op, true);
                    reuseFrozen.add(op);
                    LOG.warn("wallet {}: froze a coin that arrived on an already used address (reuse protection)",
                            name);
                }
            }
            WalletCoin c = new WalletCoin(op, u.value(), u.address(), u.scriptPubKey(), u.confirmations(), path, kind,
                    false, false);
            fresh.put(op, c);
            known.put(op, c);
        }
        if (!next.equals(state)) {
            store.save(next);
            state = next;
        }
        coins = fresh;
        return new SyncReport(fresh.size(), newCoins, reuseFrozen);
    }

    /** One payment to a wallet address, for finding the first (legitimate) deposit of each address. */
    private record Receipt(String address, String txid, int confirmations) {
    }

    /** Wallet transactions with the path of the wallet address each involves. */
    public List<HistoryEntry> history(ChainBackend backend, int count) {
        List<WalletTx> txs = backend.listTransactions(count);
        List<HistoryEntry> out = new ArrayList<>();
        for (WalletTx t : txs) {
            out.add(new HistoryEntry(t, t.address() == null ? Optional.empty() : pathOf(t.address())));
        }
        return out;
    }

    /** A wallet transaction and, if the address is the wallet's, its path. */
    public record HistoryEntry(WalletTx tx, Optional<KeyPath> path) {
    }

    /** Broadcasts a signed transaction through the backend. */
    public org.bitcoinj.base.Sha256Hash broadcast(ChainBackend backend, Transaction tx) {
        return backend.broadcast(tx.serialize());
    }

    /**
     * Adds coins the wallet did not learn from {@link #sync} (tests, or a caller that knows a
     * just-created output). They must pay a wallet address.
     */
    public synchronized void addKnownCoin(OutPoint outpoint, Sats value, String address, int confirmations) {
        KeyPath path = pathOf(address).orElseThrow(
                () -> new WalletException("not an address of wallet '" + name + "': " + address));
        WalletCoin.Kind kind = path.branch() == Branch.BOND ? WalletCoin.Kind.BOND : WalletCoin.Kind.STANDARD;
        byte[] spk = kind == WalletCoin.Kind.BOND ? bondIndex.get(address).scriptPubKey()
                : keys.address(path.mixdepth(), path.branch(), path.index()).scriptPubKey();
        WalletCoin c = new WalletCoin(outpoint, value, address, spk, confirmations, path, kind, false, false);
        Map<OutPoint, WalletCoin> m = new LinkedHashMap<>(coins);
        m.put(outpoint, c);
        coins = m;
        known.put(outpoint, c);
    }

    // ---------------------------------------------------------------- coins and balances

    /** All coins as of the last sync, with current frozen/locked status. */
    public synchronized List<WalletCoin> coins() {
        long now = clock.instant().getEpochSecond();
        List<WalletCoin> out = new ArrayList<>();
        for (WalletCoin c : coins.values()) {
            out.add(withStatus(c, now));
        }
        return out;
    }

    /** Coins of one mixdepth. */
    public List<WalletCoin> coins(int mixdepth) {
        checkMixdepth(mixdepth);
        return coins().stream().filter(c -> c.mixdepth() == mixdepth).toList();
    }

    /** Coins of a mixdepth that selection may use: standard, not frozen, not locked, enough confirmations. */
    public List<WalletCoin> eligible(int mixdepth, int minConf) {
        return coins(mixdepth).stream().filter(c -> c.eligible(minConf)).toList();
    }

    private WalletCoin withStatus(WalletCoin c, long now) {
        CoinLock l = state.locks().get(c.outpoint());
        return c.withStatus(state.isFrozen(c.outpoint()), l != null && l.activeAt(now));
    }

    public MixdepthBalance balance(int mixdepth) {
        long conf = 0;
        long unconf = 0;
        long frozen = 0;
        long bond = 0;
        for (WalletCoin c : coins(mixdepth)) {
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

    public List<MixdepthBalance> balances() {
        List<MixdepthBalance> out = new ArrayList<>();
        for (int m = 0; m < config.mixdepths(); m++) {
            out.add(balance(m));
        }
        return out;
    }

    // ---------------------------------------------------------------- labels (BIP-329)

    /** Sets (or with an empty label removes) the BIP-329 label of an address; persisted. */
    public synchronized void labelAddress(String address, String label) {
        WalletState next = state.copy();
        next.labelAddress(address, label);
        if (!next.equals(state)) {
            store.save(next);
            state = next;
        }
    }

    /** Sets (or with an empty label removes) the BIP-329 label of a coin; persisted. */
    public synchronized void labelOutput(OutPoint outpoint, String label) {
        WalletState next = state.copy();
        next.labelOutput(outpoint, label);
        if (!next.equals(state)) {
            store.save(next);
            state = next;
        }
    }

    public synchronized Map<String, String> addressLabels() {
        return Map.copyOf(state.addressLabels());
    }

    public synchronized Map<OutPoint, String> outputLabels() {
        return Map.copyOf(state.outputLabels());
    }

    // ---------------------------------------------------------------- freeze and locks

    /** Freezes a coin (persisted): selection never uses it until unfrozen. */
    public synchronized void freeze(OutPoint outpoint) {
        setFrozen(outpoint, true);
    }

    public synchronized void unfreeze(OutPoint outpoint) {
        setFrozen(outpoint, false);
    }

    public synchronized boolean isFrozen(OutPoint outpoint) {
        return state.isFrozen(outpoint);
    }

    private void setFrozen(OutPoint outpoint, boolean freeze) {
        if (state.isFrozen(outpoint) == freeze) {
            return;
        }
        WalletState next = state.copy();
        next.setFrozen(outpoint, freeze);
        store.save(next);
        state = next;
    }

    /**
     * Reserves coins for a session until {@code ttl} passes or {@link #release} (persisted, so it
     * survives a restart).
     *
     * @throws WalletException if one of them is already reserved by another owner
     */
    public synchronized void reserve(Collection<OutPoint> outpoints, String owner, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        for (OutPoint o : outpoints) {
            CoinLock l = state.locks().get(o);
            if (l != null && l.activeAt(now) && (!l.owner().equals(owner) || l.signed())) {
                throw new WalletException("coin " + o + " is already reserved (" + describe(l) + ")");
            }
        }
        WalletState next = state.copy();
        next.dropExpiredLocks(now);
        CoinLock lock = new CoinLock(owner, Math.addExact(now, Math.max(1, ttl.toSeconds())));
        outpoints.forEach(o -> next.lock(o, lock));
        store.save(next);
        state = next;
    }

    /**
     * Releases reservations of these coins, except those signed into a transaction (held until
     * it confirms or can no longer confirm, see {@link #sync}; {@link #releaseByHand} drops them).
     */
    public synchronized void release(Collection<OutPoint> outpoints) {
        WalletState next = state.copy();
        for (OutPoint o : outpoints) {
            CoinLock l = next.locks().get(o);
            if (l != null && !l.signed()) {
                next.unlock(o);
            }
        }
        saveIfChanged(next);
    }

    /** Releases every unsigned reservation held by {@code owner}. */
    public synchronized void releaseOwner(String owner) {
        List<OutPoint> mine = state.locks().entrySet().stream()
                .filter(e -> e.getValue().owner().equals(owner)).map(Map.Entry::getKey).toList();
        release(mine);
    }

    /**
     * Releases every reservation that signed nothing (a command shutting down: nothing of this
     * process runs any more). Returns the released coins.
     */
    public synchronized List<OutPoint> releaseUnsigned() {
        List<OutPoint> unsigned = state.locks().entrySet().stream().filter(e -> !e.getValue().signed())
                .map(Map.Entry::getKey).toList();
        release(unsigned);
        return unsigned;
    }

    /**
     * Releases reservations by hand ({@code jm wallet release}), signed ones too. Returns the
     * coins that were reserved.
     */
    public synchronized List<OutPoint> releaseByHand(Collection<OutPoint> outpoints) {
        WalletState next = state.copy();
        List<OutPoint> released = new ArrayList<>();
        for (OutPoint o : outpoints) {
            if (next.locks().containsKey(o)) {
                next.unlock(o);
                released.add(o);
            }
        }
        saveIfChanged(next);
        return released;
    }

    /** Whether a coin is reserved (signed into a transaction, or by an unexpired lock). */
    public synchronized boolean isReserved(OutPoint outpoint) {
        CoinLock l = state.locks().get(outpoint);
        return l != null && l.activeAt(clock.instant().getEpochSecond());
    }

    /** Every reservation on record (also expired ones not yet cleaned up). */
    public synchronized Map<OutPoint, CoinLock> reservations() {
        return Map.copyOf(state.locks());
    }

    /** Why a coin is reserved, for people: who holds it, until when, or the transaction it was signed into. */
    public static String describe(CoinLock l) {
        if (l.signed()) {
            return "signed into transaction " + l.signedTxid().get() + " by " + l.owner()
                    + "; held until it confirms or one of its inputs is spent elsewhere";
        }
        return "by " + l.owner() + " until " + java.time.Instant.ofEpochSecond(l.untilEpochS());
    }

    private void saveIfChanged(WalletState next) {
        if (!next.equals(state)) {
            store.save(next);
            state = next;
        }
    }

    // ---------------------------------------------------------------- coin selection

    /**
     * Maker selection: coins of one mixdepth worth at least {@code target}, by the configured
     * merge algorithm. Never frozen, bond or reserved coins.
     */
    public List<WalletCoin> selectForMaker(int mixdepth, Sats target, MergeAlgorithm algorithm, int minConf,
                                           RandomGenerator random) {
        return CoinSelector.select(eligible(mixdepth, minConf), target.value(), algorithm, random);
    }

    /**
     * Maker selection that reserves the chosen coins for {@code owner} in the same step, so two
     * concurrent sessions never declare the same coin.
     */
    public synchronized List<WalletCoin> selectAndReserveForMaker(int mixdepth, Sats target, MergeAlgorithm algorithm,
                                                                  int minConf, RandomGenerator random, String owner,
                                                                  Duration ttl) {
        List<WalletCoin> picked = selectForMaker(mixdepth, target, algorithm, minConf, random);
        reserve(picked.stream().map(WalletCoin::outpoint).toList(), owner, ttl);
        return picked;
    }

    /** Taker selection: coins of one mixdepth covering the amount plus all fees (default algorithm). */
    public List<WalletCoin> selectForTaker(int mixdepth, Sats amountPlusFees, int minConf) {
        return CoinSelector.select(eligible(mixdepth, minConf), amountPlusFees.value(), MergeAlgorithm.DEFAULT,
                RandomGenerator.getDefault());
    }

    /** Sweep: every eligible coin of the mixdepth. */
    public List<WalletCoin> sweep(int mixdepth, int minConf) {
        List<WalletCoin> all = eligible(mixdepth, minConf);
        if (all.isEmpty()) {
            throw new InsufficientFundsException(1, 0);
        }
        return all;
    }

    // ---------------------------------------------------------------- signing

    /**
     * Signs the given inputs of {@code tx} with the wallet's keys: BIP143, SIGHASH_ALL, low-S,
     * amounts from the wallet's own records. Sets each input's witness (and the P2SH scriptSig
     * for nested wallets) and returns the signatures in input order.
     *
     * @throws WalletException if an outpoint is not an input of {@code tx}, not a known wallet
     *                         coin, or a fidelity bond
     */
    public synchronized Map<OutPoint, InputSignature> sign(Transaction tx, Collection<OutPoint> outpoints) {
        Map<OutPoint, Integer> index = new HashMap<>();
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionOutPoint p = tx.getInput(i).getOutpoint();
            OutPoint op = new OutPoint(p.hash(), p.index());
            if (index.put(op, i) != null) {
                throw new WalletException("transaction spends " + op + " twice");
            }
        }
        List<Map.Entry<OutPoint, Integer>> todo = new ArrayList<>();
        for (OutPoint op : new java.util.TreeSet<>(outpoints)) {
            Integer i = index.get(op);
            if (i == null) {
                throw new WalletException("not an input of the transaction: " + op);
            }
            WalletCoin c = known.get(op);
            if (c == null) {
                throw new WalletException("not a coin of wallet '" + name + "': " + op);
            }
            if (c.kind() != WalletCoin.Kind.STANDARD) {
                throw new WalletException("refusing to sign a fidelity-bond input: " + op);
            }
            todo.add(Map.entry(op, i));
        }
        markSigned(tx, outpoints);
        todo.sort(Map.Entry.comparingByValue());
        Map<OutPoint, InputSignature> out = new LinkedHashMap<>();
        for (var e : todo) {
            WalletCoin c = known.get(e.getKey());
            int i = e.getValue();
            ECKey key = keys.key(c.path());
            Script scriptCode = ScriptBuilder.createP2PKHOutputScript(key);
            TransactionSignature sig = tx.calculateWitnessSignature(i, key, scriptCode, Coin.valueOf(c.sats()),
                    Transaction.SigHash.ALL, false);
            TransactionInput in = tx.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(sig, key));
            byte[] redeem = new byte[0];
            if (config.type() == WalletType.P2SH_P2WPKH) {
                redeem = ScriptBuilder.createP2WPKHOutputScript(key).program();
                in = in.withScriptSig(new ScriptBuilder().data(redeem).build());
            }
            tx.replaceInput(i, in);
            out.put(e.getKey(), new InputSignature(e.getKey(), i, sig.encodeToBitcoin(), key.getPubKey(), redeem));
        }
        return out;
    }

    /**
     * Marks the reservations of coins about to be signed into {@code tx}: persisted before any
     * signature exists, so a crash after signing never frees a coin the transaction may still spend.
     */
    private void markSigned(Transaction tx, Collection<OutPoint> outpoints) {
        WalletState next = state.copy();
        List<OutPoint> inputs = new ArrayList<>();
        for (TransactionInput in : tx.getInputs()) {
            inputs.add(new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index()));
        }
        for (OutPoint o : outpoints) {
            CoinLock l = next.locks().get(o);
            if (l != null) {
                next.lock(o, l.signedInto(tx.getTxId(), inputs));
            }
        }
        saveIfChanged(next);
    }

    /**
     * Settles reservations signed into a transaction: released once our coin is spent in a block
     * (that transaction, or a conflicting one, confirmed) or once another input of that
     * transaction is spent in a block (it can no longer confirm). Held otherwise.
     */
    private synchronized List<OutPoint> settleSignedReservations(ChainBackend backend) {
        WalletState next = state.copy();
        List<OutPoint> settled = new ArrayList<>();
        for (var e : state.locks().entrySet()) {
            CoinLock l = e.getValue();
            if (!l.signed()) {
                continue;
            }
            boolean done = backend.getTxOut(e.getKey(), false).isEmpty();
            for (int i = 0; !done && i < l.txInputs().size(); i++) {
                OutPoint in = l.txInputs().get(i);
                done = !in.equals(e.getKey()) && backend.getTxOut(in, false).isEmpty();
            }
            if (done) {
                next.unlock(e.getKey());
                settled.add(e.getKey());
            }
        }
        if (!settled.isEmpty()) {
            LOG.info("wallet {}: released {} coin(s) whose signed transaction confirmed or can no longer confirm",
                    name, settled.size());
        }
        saveIfChanged(next);
        return settled;
    }

    // ---------------------------------------------------------------- plain send

    /**
     * Builds and signs a plain transaction from one mixdepth (not broadcast). Change goes to a
     * fresh internal address of the same mixdepth (persisted before use).
     *
     * @param amount         amount to pay, or empty to sweep every eligible coin of the mixdepth
     * @param feeRateSatPerVb fee rate
     */
    public synchronized SendPlan createSend(int mixdepth, String destination, Optional<Sats> amount,
                                            long feeRateSatPerVb, int minConf) {
        checkMixdepth(mixdepth);
        if (feeRateSatPerVb < 1 || feeRateSatPerVb > 10_000) {
            throw new WalletException("fee rate must be 1..10000 sat/vB: " + feeRateSatPerVb);
        }
        Address dest = parseAddress(destination);
        byte[] destSpk = ScriptBuilder.createOutputScript(dest).program();
        int changeSpkLen = config.type() == WalletType.P2WPKH ? 22 : 23;
        List<WalletCoin> inputs;
        long pay;
        long fee;
        boolean withChange;
        if (amount.isEmpty()) {
            inputs = sweep(mixdepth, minConf);
            fee = feeRateSatPerVb * vsize(inputs.size(), List.of(destSpk.length));
            pay = CoinSelector.sum(inputs) - fee;
            if (pay < CHANGE_DUST_SATS) {
                throw new InsufficientFundsException(fee + CHANGE_DUST_SATS, CoinSelector.sum(inputs));
            }
            withChange = false;
        } else {
            pay = amount.get().value();
            if (pay < CHANGE_DUST_SATS) {
                throw new WalletException("amount below dust threshold (" + CHANGE_DUST_SATS + " sats)");
            }
            List<WalletCoin> elig = eligible(mixdepth, minConf);
            int nIn = 1;
            while (true) {
                long feeWithChange = feeRateSatPerVb * vsize(nIn, List.of(destSpk.length, changeSpkLen));
                inputs = CoinSelector.select(elig, pay + feeWithChange, MergeAlgorithm.DEFAULT,
                        RandomGenerator.getDefault());
                if (inputs.size() <= nIn) {
                    fee = feeWithChange;
                    break;
                }
                nIn = inputs.size();
            }
            long change = CoinSelector.sum(inputs) - pay - fee;
            withChange = change >= CHANGE_DUST_SATS;
            if (!withChange) {
                fee = CoinSelector.sum(inputs) - pay;
            }
        }
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (WalletCoin c : inputs) {
            tx.addInput(new TransactionInput(tx, new byte[0],
                    new TransactionOutPoint(c.outpoint().vout(), c.outpoint().txid()), Coin.valueOf(c.sats()))
                    .withSequence(0xFFFF_FFFDL));
        }
        tx.addOutput(Coin.valueOf(pay), dest);
        Optional<WalletAddress> changeAddr = Optional.empty();
        if (withChange) {
            WalletAddress ch = freshAddress(mixdepth, Branch.INTERNAL);
            long change = CoinSelector.sum(inputs) - pay - fee;
            tx.addOutput(Coin.valueOf(change), Script.parse(ch.scriptPubKey()));
            changeAddr = Optional.of(ch);
        }
        sign(tx, inputs.stream().map(WalletCoin::outpoint).toList());
        return new SendPlan(tx, inputs, destination, new Sats(pay), new Sats(fee), changeAddr);
    }

    /** Parses an address of this wallet's network. */
    public Address parseAddress(String address) {
        try {
            return AddressParser.getDefault(config.network().bitcoinj()).parseAddress(address);
        } catch (IllegalArgumentException e) {
            throw new WalletException("not a valid " + config.network().wireName() + " address: " + address);
        }
    }

    /** Virtual size of a transaction with {@code inputs} wallet inputs and outputs of the given script lengths. */
    long vsize(int inputs, List<Integer> outputScriptLengths) {
        long base = 4 + 1 + 1 + 4; // version, input count, output count, locktime
        long witness = 2; // marker, flag
        int inBase = config.type() == WalletType.P2WPKH ? 41 : 41 + 23;
        base += (long) inputs * inBase;
        witness += (long) inputs * (1 + 1 + 72 + 1 + 33);
        for (int len : outputScriptLengths) {
            base += 8 + 1 + len;
        }
        long weight = base * 4 + witness;
        return (weight + 3) / 4;
    }

    // ---------------------------------------------------------------- internals

    /** Derives every address up to next index + gap limit of each branch into the lookup map. */
    private void ensureDerived() {
        for (int m = 0; m < config.mixdepths(); m++) {
            for (Branch b : List.of(Branch.EXTERNAL, Branch.INTERNAL)) {
                int want = state.nextIndex(m, b) + config.gapLimit();
                for (int i = derivedCount[m][b.index()]; i < want; i++) {
                    WalletAddress a = keys.address(m, b, i);
                    addressIndex.put(a.address(), a.path());
                }
                derivedCount[m][b.index()] = Math.max(derivedCount[m][b.index()], want);
            }
        }
    }

    private void checkMixdepth(int mixdepth) {
        if (mixdepth < 0 || mixdepth >= config.mixdepths()) {
            throw new WalletException("mixdepth must be 0.." + (config.mixdepths() - 1) + ": " + mixdepth);
        }
    }

    /** Storage path helper for callers that only have a data directory. */
    public static WalletStorage storage(Path dataDir) {
        return WalletStorage.inDataDir(dataDir);
    }

    @Override
    public String toString() {
        return "Wallet[" + name + ", " + config.network().wireName() + ", " + config.mixdepths() + " mixdepths]";
    }
}
