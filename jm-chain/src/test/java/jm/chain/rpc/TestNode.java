package jm.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jm.chain.regtest.RegtestNode;
import jm.core.Sats;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.Sha256Hash;

/**
 * The node the Core backend's integration suite runs against: the embedded regtest node by
 * default, or an external Bitcoin Core (regtest) when {@code JM_TEST_BITCOIN_RPC_URL} is set
 * (with {@code JM_TEST_BITCOIN_RPC_COOKIE} or {@code JM_TEST_BITCOIN_RPC_USER} /
 * {@code JM_TEST_BITCOIN_RPC_PASSWORD}).
 *
 * <p>Everything goes through JSON-RPC so both kinds behave the same: blocks come from
 * {@code generatetoaddress}, payments from {@code sendtoaddress} of a miner wallet (the embedded
 * node's {@code faucet}; on Core a uniquely named wallet this class creates and mines to).
 * Wallet names are unique per run so a shared Core can be reused.
 */
final class TestNode implements AutoCloseable {
    static final String URL_ENV = "JM_TEST_BITCOIN_RPC_URL";
    static final String COOKIE_ENV = "JM_TEST_BITCOIN_RPC_COOKIE";
    static final String USER_ENV = "JM_TEST_BITCOIN_RPC_USER";
    static final String PASSWORD_ENV = "JM_TEST_BITCOIN_RPC_PASSWORD";
    private static final int RPC_WALLET_INSUFFICIENT_FUNDS = -6;

    private final Path dir;
    private final URI externalUrl;
    private final RpcAuth externalAuth;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> createdWallets = new ArrayList<>();
    private RegtestNode embedded;
    private RpcClient miner;
    private String minerAddress;

    private TestNode(Path dir, URI externalUrl, RpcAuth externalAuth) {
        this.dir = dir;
        this.externalUrl = externalUrl;
        this.externalAuth = externalAuth;
    }

    /** An external Core if the environment names one, else a fresh embedded node under {@code dir}. */
    static TestNode start(Path dir) {
        return start(dir, System.getenv());
    }

    static TestNode start(Path dir, Map<String, String> env) {
        String url = env.get(URL_ENV);
        TestNode n;
        if (url == null || url.isBlank()) {
            n = new TestNode(dir, null, null);
            n.embedded = RegtestNode.start(dir, 0);
        } else {
            RpcAuth auth;
            if (env.get(COOKIE_ENV) != null) {
                auth = new RpcAuth.CookieFile(Path.of(env.get(COOKIE_ENV)));
            } else if (env.get(USER_ENV) != null && env.get(PASSWORD_ENV) != null) {
                auth = new RpcAuth.UserPassword(env.get(USER_ENV), env.get(PASSWORD_ENV));
            } else {
                throw new IllegalStateException(URL_ENV + " needs " + COOKIE_ENV + " or " + USER_ENV + "/"
                        + PASSWORD_ENV);
            }
            n = new TestNode(dir, URI.create(url), auth);
        }
        n.initMiner();
        return n;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded node (only when {@link #isEmbedded()}). */
    RegtestNode embedded() {
        if (embedded == null) {
            throw new IllegalStateException("not the embedded node");
        }
        return embedded;
    }

    URI rpcUrl() {
        return embedded != null ? embedded.rpcUrl() : externalUrl;
    }

    RpcAuth auth() {
        return embedded != null ? new RpcAuth.CookieFile(embedded.cookieFile()) : externalAuth;
    }

    /** A wallet name no earlier run on the same node used. */
    String walletName(String prefix) {
        String name = "jmtest-" + prefix + "-" + runId;
        createdWallets.add(name);
        return name;
    }

    RpcClient client(String wallet) {
        return new RpcClient(new RpcConfig(rpcUrl(), auth(), wallet, Duration.ofSeconds(60)), 2,
                Duration.ofMillis(20));
    }

    BitcoinCoreBackend backend(String wallet) {
        return new BitcoinCoreBackend(client(wallet));
    }

    private void initMiner() {
        if (embedded != null) {
            miner = client(RegtestNode.FAUCET_WALLET);
        } else {
            String name = walletName("miner");
            miner = client(name);
            // wallet_name, disable_private_keys, blank, passphrase, avoid_reuse, descriptors, load_on_startup
            miner.call("createwallet", name, false, false, "", false, true, false);
        }
        minerAddress = miner.callWallet("getnewaddress").asText();
    }

    /** Mines {@code n} blocks to {@code to} (the miner when null); returns their hashes. */
    List<Sha256Hash> mine(int n, Address to) {
        JsonNode hashes = miner.call("generatetoaddress", n, to == null ? minerAddress : to.toString());
        List<Sha256Hash> out = new ArrayList<>();
        hashes.forEach(h -> out.add(Sha256Hash.wrap(h.asText())));
        return out;
    }

    /** Pays {@code amount} to {@code to} from the miner (unconfirmed), mining mature coins first if needed. */
    Sha256Hash fund(Address to, Sats amount) {
        return fund(to.toString(), amount.value());
    }

    Sha256Hash fund(String address, long sats) {
        BigDecimal btc = BigDecimal.valueOf(sats, 8);
        for (int attempt = 0; ; attempt++) {
            try {
                // address, amount, comment, comment_to, subtractfeefromamount, replaceable, conf_target,
                // estimate_mode, avoid_reuse, fee_rate (sat/vB)
                return Sha256Hash.wrap(miner.callWallet("sendtoaddress", address, btc, "", "", false, true, null,
                        "unset", null, 2).asText());
            } catch (RpcException e) {
                if (e.code() != RPC_WALLET_INSUFFICIENT_FUNDS || attempt > 0) {
                    throw e;
                }
                mine(101, null);
            }
        }
    }

    /** Pays each address in {@code amounts} from the miner in one transaction (Core's sendmany). */
    Sha256Hash fundMany(Map<String, Long> amounts) {
        Map<String, BigDecimal> btc = new java.util.LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : amounts.entrySet()) {
            btc.put(e.getKey(), BigDecimal.valueOf(e.getValue(), 8));
            total += e.getValue();
        }
        ensureMinerHas(total + 1_000_000);
        // dummy, amounts, minconf, comment, subtractfeefrom, replaceable, conf_target, estimate_mode, fee_rate
        return Sha256Hash.wrap(miner.callWallet("sendmany", "", btc, 1, "", List.of(), true, null, "unset", 2)
                .asText());
    }

    private void ensureMinerHas(long sats) {
        for (int i = 0; i < 20 && miner.callWallet("getbalance").decimalValue().movePointRight(8).longValue() < sats;
                i++) {
            mine(i == 0 && miner.call("getblockcount").asLong() < 101 ? 101 : 10, null);
        }
    }

    /**
     * As seen by a user who restarts: the embedded node is stopped and started again on its data
     * dir; an external Core (which tests cannot restart) has the wallet unloaded so the next
     * {@code ensureWallet} loads it from disk.
     */
    void restart(String wallet) {
        if (embedded != null) {
            embedded.close();
            embedded = RegtestNode.start(dir, 0);
            initMiner();
        } else {
            miner.call("unloadwallet", wallet);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
            return;
        }
        for (String w : createdWallets) {
            try {
                miner.call("unloadwallet", w);
            } catch (RuntimeException e) {
                // not loaded (never created or already unloaded)
            }
        }
    }
}
