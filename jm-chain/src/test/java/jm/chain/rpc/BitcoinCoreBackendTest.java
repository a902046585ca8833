package jm.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jm.chain.ChainAuthenticationException;
import jm.chain.ChainNotFoundException;
import jm.chain.ChainUnavailableException;
import jm.chain.DescriptorImport;
import jm.chain.TransactionRejectedException;
import jm.chain.TxOutInfo;
import jm.chain.WalletTx;
import jm.chain.WalletUtxo;
import jm.chain.regtest.RegtestNode;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Core backend's integration suite: the production code path over loopback HTTP against the
 * embedded regtest node, or against an external Bitcoin Core when {@code JM_TEST_BITCOIN_RPC_URL}
 * is set (see {@link TestNode} and the module README). Tests that need to stop or reconfigure
 * the node itself run on the embedded node only.
 */
class BitcoinCoreBackendTest {
    @TempDir
    Path dir;
    TestNode node;
    String walletName;
    BitcoinCoreBackend backend;
    final ECKey key = new ECKey();
    Address addr;

    @BeforeEach
    void start() {
        node = TestNode.start(dir);
        walletName = node.walletName("w");
        backend = node.backend(walletName);
        addr = TestCoins.address(key);
    }

    @AfterEach
    void stop() {
        backend.close();
        node.close();
    }

    private void watchKey() {
        backend.ensureWallet();
        backend.importDescriptors(List.of(new DescriptorImport("wpkh(" + key.getPublicKeyAsHex() + ")", 0, 0,
                false)));
    }

    private WalletUtxo fundedCoin(long sats) {
        watchKey();
        Sha256Hash txid = node.fund(addr, Sats.of(sats));
        node.mine(1, null);
        return backend.listUnspent(1).stream().filter(u -> u.outpoint().txid().equals(txid)).findFirst()
                .orElseThrow();
    }

    @Test
    void reportsRegtestChainAndTip() {
        assertThat(backend.network()).isEqualTo(Network.REGTEST);
        long start = backend.tipHeight();
        node.mine(3, null);
        assertThat(backend.tipHeight()).isEqualTo(start + 3);
        assertThat(backend.tipMedianTime()).isPositive();
    }

    @Test
    void fundsWatchedWalletAndListsItsUtxosWithConfirmations() {
        watchKey();
        Sha256Hash txid = node.fund(addr, Sats.of(1_2345_6789));
        assertThat(backend.listUnspent(1)).isEmpty();
        List<WalletUtxo> mempool = backend.listUnspent(0);
        assertThat(mempool).hasSize(1);
        assertThat(mempool.get(0).confirmations()).isZero();
        assertThat(mempool.get(0).value()).isEqualTo(Sats.of(1_2345_6789));
        assertThat(mempool.get(0).address()).isEqualTo(addr.toString());
        assertThat(mempool.get(0).scriptPubKey()).isEqualTo(TestCoins.p2wpkh(key).program());
        assertThat(backend.getConfirmations(txid)).contains(0);

        node.mine(2, null);
        List<WalletUtxo> confirmed = backend.listUnspent(1);
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.get(0).confirmations()).isEqualTo(2);
        assertThat(backend.getConfirmations(txid)).contains(2);
        Optional<TxOutInfo> out = backend.getTxOut(confirmed.get(0).outpoint(), false);
        assertThat(out).isPresent();
        assertThat(out.get().value()).isEqualTo(Sats.of(1_2345_6789));
        assertThat(out.get().confirmations()).isEqualTo(2);
        assertThat(out.get().coinbase()).isFalse();
        List<WalletTx> txs = backend.listTransactions(10);
        assertThat(txs).extracting(WalletTx::txid).containsExactly(txid);
        assertThat(txs.get(0).category()).isEqualTo("receive");
        assertThat(txs.get(0).amountSats()).isEqualTo(1_2345_6789L);
    }

    @Test
    void spendsAWalletCoinAndCountsConfirmations() throws Exception {
        WalletUtxo coin = fundedCoin(50_000_000);
        ECKey other = new ECKey();
        byte[] raw = TestCoins.spend(List.of(new TestCoins.Input(coin.outpoint(), 50_000_000, key)),
                List.of(new TestCoins.Output(TestCoins.address(other), 49_990_000)), 0);
        Sha256Hash txid = backend.broadcast(raw);
        assertThat(backend.getRawTransaction(txid)).hasValueSatisfying(r -> assertThat(r).isEqualTo(raw));
        assertThat(backend.getTxOut(coin.outpoint(), true)).isEmpty();
        assertThat(backend.getTxOut(coin.outpoint(), false)).isPresent();
        assertThat(backend.getTxOut(new OutPoint(txid, 0), true)).hasValueSatisfying(
                o -> assertThat(o.confirmations()).isZero());
        assertThat(backend.listUnspent(0)).isEmpty();
        assertThat(backend.listTransactions(10)).extracting(WalletTx::category).containsExactly("receive", "send");

        CompletableFuture<Integer> conf = CompletableFuture.supplyAsync(() -> {
            try {
                return backend.waitForConfirmations(txid, 3, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        node.mine(1, null);
        node.mine(2, null);
        assertThat(conf.get(20, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(backend.getConfirmations(txid)).contains(3);
        assertThat(backend.getTxOut(coin.outpoint(), false)).isEmpty();
    }

    @Test
    void waitForBlockAboveReturnsWhenABlockArrives() throws Exception {
        long tip = backend.tipHeight();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return backend.waitForBlockAbove(tip, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        node.mine(1, null);
        assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(tip + 1);
        assertThat(backend.waitForBlockAbove(tip + 5, Duration.ofMillis(50))).isEqualTo(tip + 1);
    }

    @Test
    void restartedNodeKeepsChainAndWallet() {
        WalletUtxo coin = fundedCoin(10_000_000);
        long height = backend.tipHeight();
        node.restart(walletName);
        backend = node.backend(walletName);
        assertThat(backend.tipHeight()).isEqualTo(height);
        backend.ensureWallet();
        assertThat(backend.listUnspent(1)).containsExactly(new WalletUtxo(coin.outpoint(), coin.value(),
                coin.scriptPubKey(), coin.address(), 1));
        node.mine(1, null);
        assertThat(backend.tipHeight()).isEqualTo(height + 1);
    }

    @Test
    void rejectsDoubleSpendOfConfirmedCoinWithCoreCode() {
        WalletUtxo coin = fundedCoin(10_000_000);
        TestCoins.Input in = new TestCoins.Input(coin.outpoint(), 10_000_000, key);
        backend.broadcast(TestCoins.spend(List.of(in), List.of(new TestCoins.Output(addr, 9_990_000)), 0));
        node.mine(1, null);
        byte[] second = TestCoins.spend(List.of(in), List.of(new TestCoins.Output(addr, 9_980_000)), 0);
        assertThatThrownBy(() -> backend.broadcast(second)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-25);
                    assertThat(e.reason()).isEqualTo("bad-txns-inputs-missingorspent");
                });
    }

    @Test
    void aDoubleSpendIsAReplacementAttemptAsWithFullRbf() {
        WalletUtxo coin = fundedCoin(10_000_000);
        TestCoins.Input in = new TestCoins.Input(coin.outpoint(), 10_000_000, key);
        Sha256Hash first = backend.broadcast(TestCoins.spend(List.of(in), List.of(new TestCoins.Output(addr,
                9_990_000)), 0));
        ECKey other = new ECKey();
        byte[] sameFee = TestCoins.spend(List.of(in), List.of(new TestCoins.Output(TestCoins.address(other),
                9_990_000)), 0);
        assertThatThrownBy(() -> backend.broadcast(sameFee)).isInstanceOfSatisfying(
                TransactionRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).matches("insufficient fee, rejecting replacement [0-9a-f]{64}; new feerate "
                            + "0\\.\\d{8} BTC/kvB <= old feerate 0\\.\\d{8} BTC/kvB");
                });
        Sha256Hash replacement = backend.broadcast(TestCoins.spend(List.of(in), List.of(new TestCoins.Output(
                TestCoins.address(other), 9_980_000)), 0));
        assertThat(backend.getRawTransaction(first)).isEmpty();
        assertThat(backend.getConfirmations(replacement)).contains(0);
    }

    @Test
    void acceptsTheSameTransactionTwiceButNotOnceConfirmed() {
        WalletUtxo coin = fundedCoin(10_000_000);
        byte[] raw = TestCoins.spend(List.of(new TestCoins.Input(coin.outpoint(), 10_000_000, key)),
                List.of(new TestCoins.Output(addr, 9_990_000)), 0);
        Sha256Hash txid = backend.broadcast(raw);
        assertThat(backend.broadcast(raw)).isEqualTo(txid);
        node.mine(1, null);
        assertThatThrownBy(() -> backend.broadcast(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-27);
                    assertThat(e.code()).isEqualTo(-27);
                    assertThat(e.reason()).isEqualTo("Transaction outputs already in utxo set");
                });
    }

    @Test
    void rejectsOverspendWithCoreCodeAndMessage() {
        WalletUtxo coin = fundedCoin(100_000_000);
        byte[] raw = TestCoins.spend(List.of(new TestCoins.Input(coin.outpoint(), 100_000_000, key)),
                List.of(new TestCoins.Output(addr, 200_000_000)), 0);
        assertThatThrownBy(() -> backend.broadcast(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).isEqualTo("bad-txns-in-belowout, value in (1.00) < value out (2.00)");
                });
    }

    @Test
    void rejectsImmatureCoinbaseSpend() {
        Sha256Hash block = node.mine(1, addr).get(0);
        String coinbaseTxid = backend.rpc().call("getblock", block.toString(), 1).get("tx").get(0).asText();
        OutPoint cb = OutPoint.of(coinbaseTxid, 0);
        assertThat(backend.getTxOut(cb, false)).hasValueSatisfying(o -> assertThat(o.coinbase()).isTrue());
        byte[] raw = TestCoins.spend(List.of(new TestCoins.Input(cb, 50_0000_0000L, key)),
                List.of(new TestCoins.Output(addr, 49_9999_0000L)), 0);
        assertThatThrownBy(() -> backend.broadcast(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).isEqualTo(
                            "bad-txns-premature-spend-of-coinbase, tried to spend coinbase at depth 1");
                });
        node.mine(99, null);
        assertThat(backend.broadcast(raw)).isNotNull();
    }

    @Test
    void rejectsBadWitnessSignature() {
        WalletUtxo coin = fundedCoin(10_000_000);
        byte[] raw = TestCoins.spendWithForeignSignature(new TestCoins.Input(coin.outpoint(), 10_000_000, key),
                new TestCoins.Output(addr, 9_990_000), new ECKey());
        assertThatThrownBy(() -> backend.broadcast(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).matches("mempool-script-verify-flag-failed \\(Signature must be zero "
                            + "for failed CHECK\\(MULTI\\)SIG operation\\), input 0 of [0-9a-f]{64} \\(wtxid "
                            + "[0-9a-f]{64}\\), spending " + coin.outpoint().txid() + ":" + coin.outpoint().vout());
                });
    }

    @Test
    void rejectsSpendBySomeoneElsesKey() {
        WalletUtxo coin = fundedCoin(10_000_000);
        ECKey thief = new ECKey();
        byte[] raw = TestCoins.spend(List.of(new TestCoins.Input(coin.outpoint(), 10_000_000, thief)),
                List.of(new TestCoins.Output(TestCoins.address(thief), 9_990_000)), 0);
        assertThatThrownBy(() -> backend.broadcast(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> assertThat(e.reason()).startsWith("mempool-script-verify-flag-failed ("));
    }

    @Test
    void rejectsFeeBelowMinimumRelayFee() {
        WalletUtxo coin = fundedCoin(10_000_000);
        byte[] raw = TestCoins.spend(List.of(new TestCoins.Input(coin.outpoint(), 10_000_000, key)),
                List.of(new TestCoins.Output(addr, 9_999_990)), 0);
        assertThatThrownBy(() -> backend.broadcast(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).matches("min relay fee not met, 10 < \\d+");
                });
    }

    @Test
    void rejectsUndecodableTransaction() {
        assertThatThrownBy(() -> backend.broadcast(new byte[] {1, 2, 3})).isInstanceOfSatisfying(
                TransactionRejectedException.class, e -> assertThat(e.code()).isEqualTo(-22));
    }

    @Test
    void unknownOutpointsAndTransactionsAreEmpty() {
        watchKey();
        Sha256Hash nobody = Sha256Hash.of(new byte[] {7});
        assertThat(backend.getTxOut(new OutPoint(nobody, 0), true)).isEmpty();
        assertThat(backend.getRawTransaction(nobody)).isEmpty();
        assertThat(backend.getConfirmations(nobody)).isEmpty();
    }

    @Test
    void feeEstimateFallsBackToFloorWithoutData() {
        assumeTrue(node.isEmbedded(), "an external node may have fee data");
        assertThat(backend.estimateFeeSatPerVb(3, 2, 100)).isEqualTo(2);
    }

    @Test
    void authenticationFailureIsTyped() {
        BitcoinCoreBackend wrong = new BitcoinCoreBackend(new RpcConfig(node.rpcUrl(),
                new RpcAuth.UserPassword("__cookie__", "wrong"), "w", Duration.ofSeconds(5)));
        assertThatThrownBy(wrong::tipHeight).isInstanceOf(ChainAuthenticationException.class)
                .hasMessageContaining("401");
    }

    @Test
    void userPasswordAuthWorksWhenConfigured() {
        assumeTrue(node.isEmbedded(), "starts its own node");
        try (RegtestNode other = RegtestNode.start(dir.resolve("other"), 0, "alice", "s3cret")) {
            BitcoinCoreBackend alice = new BitcoinCoreBackend(new RpcConfig(other.rpcUrl(),
                    new RpcAuth.UserPassword("alice", "s3cret"), "w", Duration.ofSeconds(5)));
            assertThat(alice.tipHeight()).isZero();
        }
    }

    @Test
    void nodeThatGoesAwayIsReportedUnavailable() {
        assumeTrue(node.isEmbedded(), "stops the node");
        assertThat(backend.tipHeight()).isZero();
        node.embedded().close();
        assertThatThrownBy(backend::tipHeight).isInstanceOf(ChainUnavailableException.class)
                .isNotInstanceOf(ChainAuthenticationException.class).hasMessageContaining("unreachable");
    }

    @Test
    void walletCallsBeforeEnsureWalletAreNotFound() {
        assertThatThrownBy(() -> backend.listUnspent(0)).isInstanceOf(ChainNotFoundException.class);
    }

    @Test
    void ensureWalletIsIdempotent() {
        backend.ensureWallet();
        backend.ensureWallet();
        assertThat(backend.rpc().call("listwallets")).extracting(n -> n.asText()).contains(walletName);
    }

    @Test
    void unknownMethodIsCoreMethodNotFound() {
        assertThatThrownBy(() -> backend.rpc().call("nosuchmethod")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(-32601));
    }

    @Test
    void watchesRangedTpubDescriptor() {
        org.bitcoinj.crypto.DeterministicKey master = org.bitcoinj.crypto.HDKeyDerivation.createMasterPrivateKey(
                new byte[32]);
        org.bitcoinj.crypto.DeterministicKey account = org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(master,
                new org.bitcoinj.crypto.ChildNumber(0, true));
        String tpub = account.serializePubB58(org.bitcoinj.base.BitcoinNetwork.TESTNET);
        backend.ensureWallet();
        backend.importDescriptors(List.of(new DescriptorImport("wpkh(" + tpub + "/0/*)", 9, 0, false)));
        org.bitcoinj.crypto.DeterministicKey k5 = org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(
                org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(account, new org.bitcoinj.crypto.ChildNumber(0,
                        false)), new org.bitcoinj.crypto.ChildNumber(5, false));
        Address a5 = org.bitcoinj.base.SegwitAddress.fromHash(org.bitcoinj.base.BitcoinNetwork.REGTEST,
                k5.getPubKeyHash());
        node.fund(a5, Sats.of(777_000));
        node.mine(1, null);
        assertThat(backend.listUnspent(1)).extracting(WalletUtxo::address).containsExactly(a5.toString());
        String derived = backend.rpc().call("deriveaddresses",
                jm.chain.DescriptorChecksum.append("wpkh(" + tpub + "/0/*)"), List.of(5, 5)).get(0).asText();
        assertThat(derived).isEqualTo(a5.toString());
    }

    @Test
    void rescanReportsCompletion() {
        watchKey();
        node.mine(2, null);
        double[] last = {0};
        backend.rescan(0, f -> last[0] = f);
        assertThat(last[0]).isEqualTo(1.0);
    }

    @Test
    void rescanRunsOnTheBackendsOwnThreadWhichCloseEnds() throws InterruptedException {
        watchKey();
        backend.rescan(0, f -> { });
        // not the common ForkJoin pool: the backend's own named thread, idle until close ends it
        Thread rescanner = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("core-rescan-" + walletName + "-1")).findFirst().orElseThrow();
        backend.close();
        rescanner.join(10_000);
        assertThat(rescanner.isAlive()).isFalse();
        assertThatThrownBy(() -> backend.rescan(0, f -> { })).isInstanceOf(ChainUnavailableException.class)
                .hasMessageContaining("closed");
    }

    // ---- wallet sync as jm-wallet does it: import [0, next + gap - 1] of each branch, again and again ----

    /** A fresh account tpub (random seed, so runs on a shared Core never see each other's coins). */
    static String freshTpub() {
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        org.bitcoinj.crypto.DeterministicKey master = org.bitcoinj.crypto.HDKeyDerivation.createMasterPrivateKey(seed);
        return org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(master, new org.bitcoinj.crypto.ChildNumber(0, true))
                .serializePubB58(org.bitcoinj.base.BitcoinNetwork.TESTNET);
    }

    static List<DescriptorImport> branches(String tpub, int extEnd, int intEnd) {
        return List.of(new DescriptorImport("wpkh(" + tpub + "/0/*)", extEnd, 0, false),
                new DescriptorImport("wpkh(" + tpub + "/1/*)", intEnd, 0, true));
    }

    private BitcoinCoreBackend recordedBackend(RecordingProxy proxy) {
        return new BitcoinCoreBackend(new RpcClient(new RpcConfig(proxy.url(), node.auth(), walletName,
                Duration.ofSeconds(60)), 2, Duration.ofMillis(20)));
    }

    private List<String> addresses(String tpub, String branch, int from, int to) {
        List<String> out = new java.util.ArrayList<>();
        backend.rpc().call("deriveaddresses", jm.chain.DescriptorChecksum.append("wpkh(" + tpub + "/" + branch
                + "/*)"), List.of(from, to)).forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void theNodeRefusesTheRangeTheOldBackendAskedForOnTheSecondSync() {
        // regression: exactly the error users saw against Core 29.3 on every second sync
        String tpub = freshTpub();
        backend.ensureWallet();
        String desc = jm.chain.DescriptorChecksum.append("wpkh(" + tpub + "/0/*)");
        java.util.Map<String, Object> req = new java.util.LinkedHashMap<>();
        req.put("desc", desc);
        req.put("range", List.of(0, 19));
        req.put("timestamp", 0);
        req.put("internal", false);
        req.put("watchonly", true);
        assertThat(backend.rpc().callWallet("importdescriptors", List.of(req)).get(0).get("success").asBoolean())
                .isTrue();
        com.fasterxml.jackson.databind.JsonNode second = backend.rpc().callWallet("importdescriptors", List.of(req));
        assertThat(second.get(0).get("error").get("code").asInt()).isEqualTo(-8);
        assertThat(second.get(0).get("error").get("message").asText())
                .isEqualTo("new range must include current range = [0,999]");
    }

    @Test
    void aWalletSyncedThreeTimesImportsOnlyOnce() throws Exception {
        String tpub = freshTpub();
        try (RecordingProxy proxy = new RecordingProxy(node.rpcUrl())) {
            BitcoinCoreBackend b = recordedBackend(proxy);
            b.ensureWallet();
            b.importDescriptors(branches(tpub, 19, 19));
            assertThat(proxy.methods()).containsOnlyOnce("importdescriptors");
            String a3 = addresses(tpub, "0", 3, 3).get(0);
            node.fund(a3, 1_000_000);
            node.mine(1, null);
            for (int sync = 2; sync <= 3; sync++) {
                proxy.clear();
                b.importDescriptors(branches(tpub, 19, 19));
                assertThat(b.listUnspent(1)).extracting(WalletUtxo::address).containsExactly(a3);
                assertThat(proxy.methods()).as("sync %d", sync).containsExactly("listdescriptors", "listunspent");
            }
        }
    }

    @Test
    void restartingOnAWalletWithHistoryDoesNotRescan() throws Exception {
        String tpub = freshTpub();
        backend.ensureWallet();
        backend.importDescriptors(branches(tpub, 5, 5));
        String a0 = addresses(tpub, "0", 0, 0).get(0);
        String c2 = addresses(tpub, "1", 2, 2).get(0);
        node.fund(a0, 2_000_000);
        node.fund(c2, 3_000_000);
        node.mine(2, null);
        assertThat(backend.listUnspent(1)).hasSize(2);
        node.restart(walletName);
        try (RecordingProxy proxy = new RecordingProxy(node.rpcUrl())) {
            BitcoinCoreBackend b = recordedBackend(proxy);
            b.ensureWallet();
            b.importDescriptors(branches(tpub, 6, 8));
            assertThat(b.listUnspent(1)).extracting(WalletUtxo::address).containsExactlyInAnyOrder(a0, c2);
            assertThat(proxy.methods()).doesNotContain("importdescriptors", "rescanblockchain");
        }
    }

    @Test
    void growsAStoredRangeWithARangeThatIncludesIt() throws Exception {
        String tpub = freshTpub();
        backend.ensureWallet();
        backend.importDescriptors(branches(tpub, 19, 19));
        backend.importDescriptors(branches(tpub, 1200, 19));
        com.fasterxml.jackson.databind.JsonNode listed = backend.rpc().callWallet("listdescriptors");
        String ext = jm.chain.DescriptorChecksum.append("wpkh(" + tpub + "/0/*)");
        com.fasterxml.jackson.databind.JsonNode range = null;
        for (com.fasterxml.jackson.databind.JsonNode d : listed.get("descriptors")) {
            if (d.get("desc").asText().equals(ext)) {
                range = d.get("range");
            }
        }
        assertThat(range).isNotNull();
        assertThat(range.get(0).asInt()).isZero();
        assertThat(range.get(1).asInt()).isGreaterThanOrEqualTo(1200);
        String a1200 = addresses(tpub, "0", 1200, 1200).get(0);
        node.fund(a1200, 1_000_000);
        node.mine(1, null);
        assertThat(backend.listUnspent(1)).extracting(WalletUtxo::address).containsExactly(a1200);
    }

    @Test
    void findsEveryCoinOfAWalletWith2000UsedAddresses() {
        String tpub = freshTpub();
        backend.ensureWallet();
        java.util.Map<String, Long> pay = new java.util.LinkedHashMap<>();
        for (String a : addresses(tpub, "0", 0, 1999)) {
            pay.put(a, 10_000L);
        }
        node.fundMany(pay);
        node.mine(1, null);
        // the wallet's loop: watch [0, next + gap - 1], raise next past the highest used index, repeat
        int gap = 6;
        int next = 0;
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        int i = 0;
        for (String a : pay.keySet()) {
            index.put(a, i++);
        }
        List<WalletUtxo> utxos = List.of();
        int rounds = 0;
        while (rounds++ < 20) {
            backend.importDescriptors(branches(tpub, next + gap - 1, gap - 1));
            utxos = backend.listUnspent(1);
            int highest = utxos.stream().mapToInt(u -> index.getOrDefault(u.address(), -1)).max().orElse(-1);
            if (highest + 1 <= next) {
                break;
            }
            next = highest + 1;
        }
        assertThat(utxos.size()).isEqualTo(2000);
        assertThat(next).isEqualTo(2000);
        assertThat(rounds).isLessThanOrEqualTo(4);
    }
}
