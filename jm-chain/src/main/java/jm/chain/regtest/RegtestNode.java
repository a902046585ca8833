package jm.chain.regtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import jm.chain.ChainException;
import jm.chain.rpc.RpcClient;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded regtest node: a chain kept under {@code dataDir}, a validating mempool, mining on
 * demand, descriptor wallets, a faucet, and an HTTP server on 127.0.0.1 answering the subset of
 * Bitcoin Core's JSON-RPC that {@link jm.chain.rpc.BitcoinCoreBackend} uses (see the module
 * README). Clients authenticate with the Core-style {@link #cookieFile()}.
 *
 * <p>The faucet is a built-in wallet named {@value #FAUCET_WALLET} holding an internal key;
 * {@link #mine} pays to it by default, and {@link #fund} spends its mature coins (mining more
 * blocks to it first when it has too few).
 */
public final class RegtestNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegtestNode.class);
    /** Name of the built-in faucet wallet (an extension: Core has no such wallet). */
    public static final String FAUCET_WALLET = "faucet";
    /** Bitcoin Core's regtest RPC port, the default of {@code jm regtest-node start}. */
    public static final int DEFAULT_RPC_PORT = 18443;
    static final Pattern WALLET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Bitcoin Core's default {@code -keypool}: ranged imports are topped up to this many keys. */
    public static final int DEFAULT_KEYPOOL = 1000;
    /** Fee rate the faucet pays, sat/vB. */
    static final long FAUCET_FEE_RATE = 2;

    private final Path dataDir;
    private final RegtestChain chain;
    private final ObjectMapper mapper = RpcClient.newMapper();
    private final Map<String, RegtestWallet> loaded = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final ECKey faucetKey;
    private final byte[] faucetSpk;
    private final MockableClock clock;
    private final long startedAt;
    private final int keypool;
    private final boolean txindex;
    private final java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
    private RpcHttpServer server;
    private DataDirLock lock;
    private int port;
    private Path cookieFile;

    private RegtestNode(Path dataDir, RegtestChain chain, ECKey faucetKey, MockableClock clock, int keypool,
                        boolean txindex) {
        this.dataDir = dataDir;
        this.keypool = keypool;
        this.txindex = txindex;
        this.chain = chain;
        this.faucetKey = faucetKey;
        this.faucetSpk = ScriptBuilder.createP2WPKHOutputScript(faucetKey).program();
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    /**
     * Opens (or creates) the node's chain under {@code dataDir}, writes {@code .cookie} and serves
     * RPC on 127.0.0.1.
     *
     * @param rpcPort 0 for any free port
     */
    public static RegtestNode start(Path dataDir, int rpcPort) {
        return start(dataDir, rpcPort, null, null);
    }

    /**
     * Like {@link #start(Path, int)}, also accepting {@code rpcUser}/{@code rpcPassword} (both or
     * neither) besides the cookie.
     */
    public static RegtestNode start(Path dataDir, int rpcPort, String rpcUser, String rpcPassword) {
        return start(dataDir, rpcPort, rpcUser, rpcPassword, DEFAULT_KEYPOOL);
    }

    /**
     * Like {@link #start(Path, int, String, String)} with Core's {@code -keypool}: how far a newly
     * imported ranged descriptor is topped up ({@value #DEFAULT_KEYPOOL} by default, as Core).
     */
    public static RegtestNode start(Path dataDir, int rpcPort, String rpcUser, String rpcPassword, int keypool) {
        return start(dataDir, rpcPort, rpcUser, rpcPassword, keypool, true);
    }

    /**
     * Like {@link #start(Path, int, String, String, int)} with Core's {@code -txindex}. Without it
     * {@code getrawtransaction} finds a confirmed transaction only in a block named by the caller,
     * exactly as Core 29.3 (whose default is off); the other overloads keep the index on.
     */
    public static RegtestNode start(Path dataDir, int rpcPort, String rpcUser, String rpcPassword, int keypool,
                                    boolean txindex) {
        if ((rpcUser == null) != (rpcPassword == null)) {
            throw new IllegalArgumentException("rpc user and password go together");
        }
        if (keypool < 1) {
            throw new IllegalArgumentException("keypool must be at least 1");
        }
        DataDirLock lock = null;
        try {
            lock = DataDirLock.acquire(dataDir);
            MockableClock clock = new MockableClock(Clock.systemUTC());
            ECKey key = loadOrCreateFaucetKey(dataDir.resolve("faucet.key"));
            RegtestChain chain = RegtestChain.open(dataDir, clock);
            RegtestNode node = new RegtestNode(dataDir, chain, key, clock, keypool, txindex);
            node.lock = lock;
            RegtestWallet faucet = new RegtestWallet(FAUCET_WALLET, dataDir.resolve("faucet"), false, false, 0);
            faucet.importDescriptor(Descriptor.parse("wpkh(" + key.getPublicKeyAsHex() + ")", false), 0, 0, false, 0,
                    keypool, 0);
            node.loaded.put(FAUCET_WALLET, faucet);
            chain.onTransaction(node::walletsSee);
            node.cookieFile = dataDir.resolve(".cookie");
            String cookie = "__cookie__:" + HexFormat.of().formatHex(random(32));
            writePrivate(node.cookieFile, cookie);
            node.server = RpcHttpServer.start(rpcPort, new NodeRpc(node), cookie,
                    rpcUser == null ? null : rpcUser + ":" + rpcPassword, node::close);
            node.port = node.server.port();
            LOG.info("regtest node serving RPC on {} (height {}), cookie {}", node.rpcUrl(), chain.tipHeight(),
                    node.cookieFile);
            return node;
        } catch (IOException e) {
            releaseQuietly(lock);
            if (e instanceof BlockStore.CorruptBlockFileException) {
                throw new ChainException(e.getMessage(), e);
            }
            throw new UncheckedIOException("cannot start regtest node in " + dataDir, e);
        } catch (RpcError e) {
            releaseQuietly(lock);
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            releaseQuietly(lock);
            throw e;
        }
    }

    private static void releaseQuietly(DataDirLock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("releasing data directory lock: {}", e.toString());
            }
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static ECKey loadOrCreateFaucetKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return ECKey.fromPrivate(HexFormat.of().parseHex(Files.readString(file).trim()));
        }
        ECKey k = ECKey.fromPrivate(random(32));
        writePrivate(file, HexFormat.of().formatHex(k.getPrivKeyBytes()));
        return k;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI rpcUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The RPC port (still answers after {@link #close}, for error messages and tests). */
    public int rpcPort() {
        return port;
    }

    /** The Core-style cookie file ({@code __cookie__:<hex>}, mode 0600). */
    public Path cookieFile() {
        return cookieFile;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The faucet's regtest address (where {@link #mine} pays by default). */
    public Address faucetAddress() {
        return org.bitcoinj.base.SegwitAddress.fromHash(BitcoinNetwork.REGTEST, faucetKey.getPubKeyHash());
    }

    public long height() {
        return chain.tipHeight();
    }

    /** Mines {@code blocks} blocks paying to {@code to} (the faucet when null), including the mempool. */
    public List<Sha256Hash> mine(int blocks, Address to) {
        if (blocks < 0 || blocks > 100_000) {
            throw new IllegalArgumentException("blocks out of range: " + blocks);
        }
        byte[] spk = to == null ? faucetSpk : ScriptBuilder.createOutputScript(to).program();
        try {
            return chain.generate(blocks, spk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write block file", e);
        }
    }

    /**
     * Pays {@code amount} to {@code to} from the faucet and returns the txid (in the mempool,
     * unconfirmed until mined). Mines blocks to the faucet first if its mature coins do not cover it.
     */
    public Sha256Hash fund(Address to, Sats amount) {
        try {
            return fundScript(ScriptBuilder.createOutputScript(to).program(), amount.value());
        } catch (RpcError e) {
            throw new ChainException("faucet payment rejected (" + e.code() + "): " + e.getMessage());
        }
    }

    /**
     * Core's {@code setmocktime} (regtest only): the node's clock stands at {@code epochSeconds}
     * (blocks mined from now on carry that time, or one second above the median time past if
     * that is later); 0 returns to the system clock. Mining 6 blocks after setting it moves the
     * median time past to it.
     */
    public void setMockTime(long epochSeconds) {
        clock.setMockTime(epochSeconds);
    }

    /**
     * Sets the mock time to {@code epochSeconds} and mines (to the faucet) until the tip's median
     * time past reaches it, at most 11 blocks: blocks carry the mock time, or one second above the
     * median time past once that has caught up. Returns the blocks mined.
     */
    public int advanceMedianTimePast(long epochSeconds) {
        setMockTime(epochSeconds);
        int mined = 0;
        while (mined < 11 && chain.medianTimePast(chain.tipHeight()) < epochSeconds) {
            mine(1, null);
            mined++;
        }
        return mined;
    }

    /** Broadcasts through the node's own validation (as sendrawtransaction does). */
    public Sha256Hash submit(byte[] rawTx) {
        try {
            return chain.accept(rawTx, 0);
        } catch (RpcError e) {
            throw new jm.chain.TransactionRejectedException(e.code(), e.getMessage());
        }
    }

    synchronized Sha256Hash fundScript(byte[] spk, long sats) throws RpcError {
        return fundScripts(List.of(Map.entry(Bytes.wrap(spk), sats)));
    }

    /** One faucet payment to several scripts (sendmany); mines to the faucet first if needed. */
    synchronized Sha256Hash fundScripts(List<Map.Entry<Bytes, Long>> payments) throws RpcError {
        long sats = 0;
        for (Map.Entry<Bytes, Long> p : payments) {
            if (p.getValue() <= 0) {
                throw new RpcError(RpcError.TYPE_ERROR, "Amount out of range");
            }
            sats += p.getValue();
        }
        if (payments.isEmpty()) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Transaction must have at least one recipient");
        }
        for (int round = 0; ; round++) {
            List<OutPoint> picked = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            long total = 0;
            long fee = 0;
            for (Map.Entry<OutPoint, Long> c : spendableFaucetCoins()) {
                picked.add(c.getKey());
                values.add(c.getValue());
                total += c.getValue();
                fee = FAUCET_FEE_RATE * (11 + 68L * picked.size() + 31L * (payments.size() + 1));
                if (total >= sats + fee) {
                    break;
                }
            }
            if (total >= sats + fee && !picked.isEmpty()) {
                return chain.accept(faucetTx(picked, values, payments, total - sats - fee), 0);
            }
            if (round > 400) {
                throw new RpcError(RpcError.WALLET_INSUFFICIENT_FUNDS, "Insufficient funds");
            }
            // coinbases mature after 100 blocks
            mine(chain.tipHeight() < TxPolicy.COINBASE_MATURITY ? TxPolicy.COINBASE_MATURITY
                    - chain.tipHeight() : 1, null);
        }
    }

    /** Faucet coins spendable in the next block, largest first. */
    List<Map.Entry<OutPoint, Long>> spendableFaucetCoins() {
        List<Map.Entry<OutPoint, Long>> out = new ArrayList<>();
        int next = chain.tipHeight() + 1;
        for (OutPoint op : chain.outputsTo(Bytes.wrap(faucetSpk))) {
            Optional<jm.chain.regtest.Coin> c = chain.unspent(op, true);
            if (c.isEmpty() || c.get().coinbase() && next - c.get().height() < TxPolicy.COINBASE_MATURITY) {
                continue;
            }
            out.add(Map.entry(op, c.get().value()));
        }
        out.sort(Comparator.comparing((Map.Entry<OutPoint, Long> e) -> e.getValue()).reversed());
        return out;
    }

    private byte[] faucetTx(List<OutPoint> ins, List<Long> values, List<Map.Entry<Bytes, Long>> payments,
            long change) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (OutPoint op : ins) {
            tx.addInput(op.txid(), op.vout(), new ScriptBuilder().build());
        }
        for (Map.Entry<Bytes, Long> p : payments) {
            tx.addOutput(Coin.valueOf(p.getValue()), Script.parse(p.getKey().toArray()));
        }
        if (change >= 1000) {
            tx.addOutput(Coin.valueOf(change), Script.parse(faucetSpk));
        }
        Script scriptCode = ScriptBuilder.createP2PKHOutputScript(faucetKey);
        for (int i = 0; i < ins.size(); i++) {
            TransactionSignature sig = tx.calculateWitnessSignature(i, faucetKey, scriptCode,
                    Coin.valueOf(values.get(i)), Transaction.SigHash.ALL, false);
            tx.replaceInput(i, tx.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(sig, faucetKey)));
        }
        return tx.serialize();
    }

    // ---- wallets (called by NodeRpc) ----

    RegtestChain chain() {
        return chain;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    long uptimeSeconds() {
        return (clock.millis() - startedAt) / 1000;
    }

    int keypool() {
        return keypool;
    }

    /** Core's {@code -txindex}: whether getrawtransaction finds any confirmed transaction. */
    boolean txindex() {
        return txindex;
    }

    /** The node's clock (Unix seconds): the mock time while one is set, else the system clock. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    boolean isFaucet(RegtestWallet w) {
        return w.name().equals(FAUCET_WALLET);
    }

    byte[] faucetScript() {
        return faucetSpk.clone();
    }

    /** Every loaded wallet sees a new transaction: the scripts it pays are marked used (Core's MarkUnusedAddresses). */
    private void walletsSee(org.bitcoinj.core.Transaction tx) {
        List<RegtestWallet> wallets;
        synchronized (loaded) {
            wallets = new ArrayList<>(loaded.values());
        }
        for (RegtestWallet w : wallets) {
            markUsed(w, tx);
        }
    }

    /** Marks the wallet scripts {@code tx} pays as used, in output order, and saves the wallet if that changed it. */
    void markUsed(RegtestWallet w, org.bitcoinj.core.Transaction tx) {
        boolean changed = false;
        for (org.bitcoinj.core.TransactionOutput o : tx.getOutputs()) {
            changed |= w.markUsed(Bytes.wrap(o.getScriptBytes()), keypool);
        }
        if (changed) {
            try {
                saveWallet(w);
            } catch (RpcError e) {
                LOG.warn("wallet {}: {}", w.name(), e.getMessage());
            }
        }
    }

    /** Loaded wallets as listwallets shows them: the faucet (an extension) is not listed. */
    synchronized List<String> listWallets() {
        List<String> names = new ArrayList<>(loaded.keySet());
        names.remove(FAUCET_WALLET);
        return names;
    }

    synchronized Optional<RegtestWallet> wallet(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    private Path walletDir(String name) throws RpcError {
        return dataDir.resolve("wallets").resolve(walletDirName(name));
    }

    /**
     * The directory of a wallet name. Core accepts any name ("" is the default wallet, spaces and
     * slashes allowed): a plain name ({@link #WALLET_NAME}) is its own directory, as before; any
     * other is {@code %} and the hex of its UTF-8 bytes, which no plain name can collide with.
     */
    static String walletDirName(String name) throws RpcError {
        if (WALLET_NAME.matcher(name).matches() && !name.chars().allMatch(c -> c == '.')) {
            return name;
        }
        String encoded = "%" + HexFormat.of().formatHex(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (encoded.length() > 255) {
            throw new RpcError(RpcError.WALLET_ERROR, "Wallet name too long for the embedded node's data directory");
        }
        return encoded;
    }

    synchronized RegtestWallet createWallet(String name, boolean disablePrivateKeys, boolean blank)
            throws RpcError {
        Path dir = walletDir(name);
        if (name.equals(FAUCET_WALLET) || Files.exists(RegtestWallet.file(dir))) {
            throw new RpcError(RpcError.WALLET_ERROR, "Wallet file verification failed. Failed to create database path '"
                    + dir + "'. Database already exists.");
        }
        RegtestWallet w = new RegtestWallet(name, dir, disablePrivateKeys, blank, now());
        saveWallet(w);
        loaded.put(name, w);
        return w;
    }

    synchronized RegtestWallet loadWallet(String name) throws RpcError {
        if (loaded.containsKey(name)) {
            throw new RpcError(RpcError.WALLET_ALREADY_LOADED, "Wallet \"" + name + "\" is already loaded.");
        }
        Path dir = walletDir(name);
        if (!Files.exists(RegtestWallet.file(dir))) {
            throw new RpcError(RpcError.WALLET_NOT_FOUND, "Wallet file verification failed. Failed to load database path '"
                    + dir + "'. Path does not exist.");
        }
        try {
            RegtestWallet w = RegtestWallet.load(dir, mapper);
            loaded.put(name, w);
            return w;
        } catch (IOException e) {
            throw new RpcError(RpcError.WALLET_ERROR, "Wallet loading failed. " + e.getMessage());
        }
    }

    synchronized void unloadWallet(String name) throws RpcError {
        if (name.equals(FAUCET_WALLET)) {
            throw new RpcError(RpcError.WALLET_ERROR, "The faucet wallet of the embedded node cannot be unloaded");
        }
        if (loaded.remove(name) == null) {
            throw new RpcError(RpcError.WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
        }
    }

    void saveWallet(RegtestWallet w) throws RpcError {
        if (isFaucet(w)) {
            return;
        }
        try {
            w.save(mapper);
        } catch (IOException e) {
            throw new RpcError(RpcError.WALLET_ERROR, "cannot write wallet file: " + e.getMessage());
        }
    }

    /** Stops serving RPC and closes the block file. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
            try {
                chain.close();
            } catch (IOException e) {
                LOG.warn("closing block file: {}", e.toString());
            }
            releaseQuietly(lock);
            lock = null;
            LOG.info("regtest node stopped");
            closed.complete(null);
        }
    }

    /** Completes when the node has stopped (by {@link #close} or the {@code stop} RPC). */
    public java.util.concurrent.CompletableFuture<Void> closedFuture() {
        return closed.copy();
    }

    /** Whether {@link #close} has been called. */
    public synchronized boolean isClosed() {
        return server == null;
    }
}
