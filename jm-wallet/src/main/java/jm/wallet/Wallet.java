package jm.wallet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import jm.chain.ChainBackend;
import jm.chain.DescriptorImport;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.CoinSelector;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.errors.WalletException;
import jm.wallet.keys.Branch;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.KeyPath;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletAddress;
import jm.wallet.store.CoinLock;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;
import jm.wallet.store.StateStore;
import jm.wallet.store.WalletFile;
import jm.wallet.store.WalletHeader;
import jm.wallet.store.WalletLock;
import jm.wallet.store.WalletSecrets;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JoinMarket HD wallet: mixdepth accounts derived from a mnemonic, coins from the chain
 * backend, coin selection, signing and persisted metadata. This class is the facade and owns the
 * wallet's lifecycle (create, open, writer lock, close); each job lives in its own class:
 * {@link AddressBook} (keys and addresses), {@link CoinBook} (coins and balances),
 * {@link Reservations}, {@link ChainSync}, {@link TxSigner}, {@link SendBuilder}, {@link WalletHistory},
 * {@link WalletMetadata} (persistence; its monitor is the one lock).
 *
 * <p>Every method that hands out an address or changes metadata persists the change (atomic
 * file replacement) before it returns; if persisting fails it throws and nothing was handed
 * out. Methods are thread-safe. {@link #sync}, {@link #history} and {@link #broadcast} call the
 * backend and block (without holding the wallet lock); the others touch only memory and the
 * metadata file. None may be called on a Netty event loop.
 */
public final class Wallet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);
    /** Outputs below this are not created as change (added to the fee instead). */
    public static final long CHANGE_DUST_SATS = 2_730;

    private final String name;
    private final WalletConfig config;
    private final WalletLock writerLock;
    private final boolean readOnly;
    private final List<OutPoint> releasedAtOpen;
    private final WalletMetadata meta;
    private final AddressBook addresses;
    private final CoinBook coins;
    private final Reservations reservations;
    private final ChainSync chainSync;
    private final TxSigner signer;
    private final SendBuilder sends;
    private final WalletHistory history;

    private Wallet(String name, WalletConfig config, HdKeys keys, StateStore store, Clock clock, long birthday) {
        this(name, config, keys, store, clock, birthday, null, false);
    }

    private Wallet(String name, WalletConfig config, HdKeys keys, StateStore store, Clock clock, long birthday,
                   WalletLock writerLock, boolean readOnly) {
        this.name = name;
        this.config = config;
        this.writerLock = writerLock;
        this.readOnly = readOnly;
        this.meta = new WalletMetadata(store);
        this.addresses = new AddressBook(name, config, keys, meta);
        this.coins = new CoinBook(name, meta, clock);
        this.reservations = new Reservations(name, meta, clock);
        this.chainSync = new ChainSync(name, config, meta, addresses, coins, reservations, clock, birthday);
        this.signer = new TxSigner(config.type(), meta, addresses, coins, reservations);
        this.sends = new SendBuilder(config, meta, addresses, coins, signer);
        this.history = new WalletHistory(config, addresses);
        // with the writer lock just taken, every reservation on disk was made by a process that is gone
        this.releasedAtOpen = writerLock == null ? List.of() : reservations.releaseLeftovers();
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
                    clock, birthday, lock, false);
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
        return new Wallet(name, config, keys, store, clock, h.birthday(), lock, lock == null);
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
        chainSync.setReuseProtection(on);
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
        return addresses.accountExport(mixdepth);
    }

    // ---------------------------------------------------------------- addresses

    /**
     * The next never-handed-out address of a branch. The new index is persisted before this
     * returns, so the address is never handed out again, even after a crash.
     */
    public WalletAddress freshAddress(int mixdepth, Branch branch) {
        return addresses.fresh(mixdepth, branch);
    }

    /**
     * The deposit address of a mixdepth: the most recently handed-out external address if no
     * coin has been seen on it, otherwise a fresh one. Always an address already recorded as
     * handed out.
     */
    public WalletAddress depositAddress(int mixdepth) {
        synchronized (meta) {
            return recordedDepositAddress(mixdepth).orElseGet(() -> freshAddress(mixdepth, Branch.EXTERNAL));
        }
    }

    /**
     * The deposit address {@link #depositAddress} would return if that needs no new one: the most
     * recently handed-out external address while no coin has been seen on it. Writes nothing.
     */
    public Optional<WalletAddress> recordedDepositAddress(int mixdepth) {
        return addresses.recordedDeposit(mixdepth);
    }

    /** Derives an address without handing it out (display and tests). */
    public WalletAddress deriveAddress(int mixdepth, Branch branch, int index) {
        return addresses.derive(mixdepth, branch, index);
    }

    /** The first index of a branch not yet handed out. */
    public int nextIndex(int mixdepth, Branch branch) {
        return addresses.nextIndex(mixdepth, branch);
    }

    /** The fidelity-bond address for a timenumber, recorded so that sync watches it. */
    public BondAddress bondAddress(int timenumber) {
        return addresses.bond(timenumber);
    }

    /** Path of a wallet address (external/internal within the watched range, or a recorded bond). */
    public Optional<KeyPath> pathOf(String address) {
        return addresses.pathOf(address);
    }

    /** The fidelity-bond coins (from the last sync) with their bond addresses (locktime, witness script). */
    public Map<WalletCoin, BondAddress> bondCoins() {
        Map<WalletCoin, BondAddress> out = new LinkedHashMap<>();
        for (WalletCoin c : coins()) {
            if (c.kind() == WalletCoin.Kind.BOND) {
                out.put(c, addresses.bondAt(c.address()).orElseThrow());
            }
        }
        return out;
    }

    /** The private key of a wallet coin (for PoDLE, the {@code !ioauth} auth signature, bond proofs). */
    public ECKey keyFor(OutPoint outpoint) {
        return addresses.key(coins.record(outpoint).path());
    }

    /** Parses an address of this wallet's network. */
    public Address parseAddress(String address) {
        return sends.parseAddress(address);
    }

    // ---------------------------------------------------------------- chain

    /** Descriptors this wallet asks the backend to watch. */
    public List<DescriptorImport> descriptors(long timestamp) {
        return addresses.descriptors(timestamp);
    }

    /**
     * Imports the wallet's descriptors into the backend's watch-only wallet, reads its coins,
     * extends the watched range while coins appear near its end (gap limit), applies
     * address-reuse protection to new coins and persists what it learned.
     */
    public SyncReport sync(ChainBackend backend) {
        return chainSync.sync(backend);
    }

    /**
     * The last {@code count} wallet transactions (oldest first), one row per transaction with its
     * net effect on the wallet: received, sent, internal, CoinJoin as taker (fees paid) or as
     * maker (fee earned). Classified from chain data alone; call {@link #sync} first.
     */
    public List<HistoryRow> history(ChainBackend backend, int count) {
        return history.rows(backend, count);
    }

    /** Broadcasts a signed transaction through the backend. */
    public Sha256Hash broadcast(ChainBackend backend, Transaction tx) {
        return backend.broadcast(tx.serialize());
    }

    /**
     * Adds coins the wallet did not learn from {@link #sync} (tests, or a caller that knows a
     * just-created output). They must pay a wallet address.
     */
    public void addKnownCoin(OutPoint outpoint, Sats value, String address, int confirmations) {
        KeyPath path = pathOf(address).orElseThrow(
                () -> new WalletException("not an address of wallet '" + name + "': " + address));
        coins.add(new WalletCoin(outpoint, value, address, addresses.scriptPubKey(path), confirmations, path,
                WalletCoin.Kind.at(path), false, false));
    }

    // ---------------------------------------------------------------- coins and balances

    /** All coins as of the last sync, with current frozen/locked status. */
    public List<WalletCoin> coins() {
        return coins.all();
    }

    /** Coins of one mixdepth. */
    public List<WalletCoin> coins(int mixdepth) {
        addresses.checkMixdepth(mixdepth);
        return coins.of(mixdepth);
    }

    /** Coins of a mixdepth that selection may use: standard, not frozen, not locked, enough confirmations. */
    public List<WalletCoin> eligible(int mixdepth, int minConf) {
        addresses.checkMixdepth(mixdepth);
        return coins.eligible(mixdepth, minConf);
    }

    public MixdepthBalance balance(int mixdepth) {
        addresses.checkMixdepth(mixdepth);
        return coins.balance(mixdepth);
    }

    public List<MixdepthBalance> balances() {
        List<MixdepthBalance> out = new ArrayList<>();
        for (int m = 0; m < config.mixdepths(); m++) {
            out.add(coins.balance(m));
        }
        return out;
    }

    // ---------------------------------------------------------------- labels (BIP-329)

    /** Sets (or with an empty label removes) the BIP-329 label of an address; persisted. */
    public void labelAddress(String address, String label) {
        meta.update(next -> next.labelAddress(address, label));
    }

    /** Sets (or with an empty label removes) the BIP-329 label of a coin; persisted. */
    public void labelOutput(OutPoint outpoint, String label) {
        meta.update(next -> next.labelOutput(outpoint, label));
    }

    public Map<String, String> addressLabels() {
        return Map.copyOf(meta.current().addressLabels());
    }

    public Map<OutPoint, String> outputLabels() {
        return Map.copyOf(meta.current().outputLabels());
    }

    // ---------------------------------------------------------------- freeze and reservations

    /** Freezes a coin (persisted): selection never uses it until unfrozen. */
    public void freeze(OutPoint outpoint) {
        meta.update(next -> next.setFrozen(outpoint, true));
    }

    public void unfreeze(OutPoint outpoint) {
        meta.update(next -> next.setFrozen(outpoint, false));
    }

    public boolean isFrozen(OutPoint outpoint) {
        return meta.current().isFrozen(outpoint);
    }

    /**
     * Reserves coins for a session until {@code ttl} passes or {@link #release} (persisted, so it
     * survives a restart).
     *
     * @throws WalletException if one of them is already reserved by another owner
     */
    public void reserve(Collection<OutPoint> outpoints, String owner, Duration ttl) {
        reservations.reserve(outpoints, owner, ttl);
    }

    /**
     * Releases reservations of these coins, except those signed into a transaction (held until
     * it confirms or can no longer confirm, see {@link #sync}; {@link #releaseByHand} drops them).
     */
    public void release(Collection<OutPoint> outpoints) {
        reservations.release(outpoints);
    }

    /** Releases every unsigned reservation held by {@code owner}. */
    public void releaseOwner(String owner) {
        reservations.releaseOwner(owner);
    }

    /**
     * Releases every reservation that signed nothing (a command shutting down: nothing of this
     * process runs any more). Returns the released coins.
     */
    public List<OutPoint> releaseUnsigned() {
        return reservations.releaseUnsigned();
    }

    /**
     * Releases reservations by hand ({@code jm wallet release}), signed ones too. Returns the
     * coins that were reserved.
     */
    public List<OutPoint> releaseByHand(Collection<OutPoint> outpoints) {
        return reservations.releaseByHand(outpoints);
    }

    /** Whether a coin is reserved (signed into a transaction, or by an unexpired lock). */
    public boolean isReserved(OutPoint outpoint) {
        return reservations.isReserved(outpoint);
    }

    /** Every reservation on record (also expired ones not yet cleaned up). */
    public Map<OutPoint, CoinLock> reservations() {
        return reservations.all();
    }

    /** Why a coin is reserved, for people: who holds it, until when, or the transaction it was signed into. */
    public static String describe(CoinLock l) {
        return Reservations.describe(l);
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
    public List<WalletCoin> selectAndReserveForMaker(int mixdepth, Sats target, MergeAlgorithm algorithm,
                                                     int minConf, RandomGenerator random, String owner,
                                                     Duration ttl) {
        synchronized (meta) {
            List<WalletCoin> picked = selectForMaker(mixdepth, target, algorithm, minConf, random);
            reserve(picked.stream().map(WalletCoin::outpoint).toList(), owner, ttl);
            return picked;
        }
    }

    /** Taker selection: coins of one mixdepth covering the amount plus all fees (default algorithm). */
    public List<WalletCoin> selectForTaker(int mixdepth, Sats amountPlusFees, int minConf) {
        return CoinSelector.select(eligible(mixdepth, minConf), amountPlusFees.value(), MergeAlgorithm.DEFAULT,
                RandomGenerator.getDefault());
    }

    /** Sweep: every eligible coin of the mixdepth. */
    public List<WalletCoin> sweep(int mixdepth, int minConf) {
        addresses.checkMixdepth(mixdepth);
        return coins.sweepable(mixdepth, minConf);
    }

    // ---------------------------------------------------------------- signing and sending

    /**
     * Signs the given inputs of {@code tx} with the wallet's keys: BIP143, SIGHASH_ALL, low-S,
     * amounts from the wallet's own records. Sets each input's witness (and the P2SH scriptSig
     * for nested wallets) and returns the signatures in input order.
     *
     * @throws WalletException if an outpoint is not an input of {@code tx}, not a known wallet
     *                         coin, or a fidelity bond
     */
    public Map<OutPoint, InputSignature> sign(Transaction tx, Collection<OutPoint> outpoints) {
        return signer.sign(tx, outpoints);
    }

    /**
     * Builds and signs a plain transaction from one mixdepth (not broadcast). Change goes to a
     * fresh internal address of the same mixdepth (persisted before use).
     *
     * @param amount          amount to pay, or empty to sweep every eligible coin of the mixdepth
     * @param feeRateSatPerVb fee rate
     */
    public SendPlan createSend(int mixdepth, String destination, Optional<Sats> amount, long feeRateSatPerVb,
                               int minConf) {
        return sends.createSend(mixdepth, destination, amount, feeRateSatPerVb, minConf);
    }

    @Override
    public String toString() {
        return "Wallet[" + name + ", " + config.network().wireName() + ", " + config.mixdepths() + " mixdepths]";
    }
}
