package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jm.chain.DescriptorChecksum;
import jm.chain.TransactionRejectedException;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.chain.rpc.RpcException;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.bond.FidelityBondScripts;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegtestNodeTest {
    @TempDir
    Path dir;
    RegtestNode node;
    RpcClient rpc;

    @BeforeEach
    void start() {
        node = RegtestNode.start(dir, 0);
        rpc = client(node, "w");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static RpcClient client(RegtestNode n, String wallet) {
        return new RpcClient(new RpcConfig(n.rpcUrl(), new RpcAuth.CookieFile(n.cookieFile()), wallet,
                Duration.ofSeconds(10)), 1, Duration.ofMillis(10));
    }

    @Test
    void startsFromBitcoinCoreRegtestGenesis() {
        // Bitcoin Core's regtest genesis block hash (chainparams)
        assertThat(rpc.call("getblockhash", 0).asText())
                .isEqualTo("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
        JsonNode info = rpc.call("getblockchaininfo");
        assertThat(info.get("chain").asText()).isEqualTo("regtest");
        assertThat(info.get("blocks").asInt()).isZero();
    }

    @Test
    void setmocktimeStampsBlocksAsCoreDoesSoBlockHashesEqualCores() {
        // the recording's block 1: mined by Core 29.3 under -mocktime 1700000600 to its miner address
        assertThat(rpc.call("setmocktime", 1_700_000_600L).isNull()).isTrue();
        JsonNode hashes = rpc.call("generatetoaddress", 1, "bcrt1q50znzpr6hc3pwhq7g0a2fqeysywhe3jq9qjvqm");
        assertThat(hashes.get(0).asText()).isEqualTo("2d9211cf24460f1a3971a79f640cb6ca2534c394f5d24286da96de9bcbfeec44");
        JsonNode block = rpc.call("getblock", hashes.get(0).asText());
        assertThat(block.get("time").asLong()).isEqualTo(1_700_000_600L);
        // Core's block weight counts the header and the transaction count too
        assertThat(block.get("weight").asInt()).isEqualTo(3 * block.get("strippedsize").asInt()
                + block.get("size").asInt());
        assertThatThrownBy(() -> rpc.call("setmocktime", -1)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(-8);
            assertThat(e.rpcMessage()).isEqualTo("Mocktime must be in the range [0, 9223372036], not -1.");
        });
        rpc.call("setmocktime", 0);
        assertThat(node.now()).isGreaterThan(1_700_000_600L); // back on the system clock
    }

    @Test
    void writesCoreStyleCookieReadableOnlyByOwner() throws IOException {
        String cookie = Files.readString(node.cookieFile());
        assertThat(cookie).matches("__cookie__:[0-9a-f]{64}");
        assertThat(Files.getPosixFilePermissions(node.cookieFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void minedBlocksCarryMempoolAndWitnessCommitment() {
        ECKey k = new ECKey();
        Sha256Hash txid = node.fund(SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash()),
                Sats.of(1_000_000));
        assertThat(rpc.call("getrawmempool")).extracting(JsonNode::asText).containsExactly(txid.toString());
        Sha256Hash block = node.mine(1, null).get(0);
        JsonNode b = rpc.call("getblock", block.toString(), 2);
        assertThat(b.get("tx")).hasSize(2);
        assertThat(b.get("tx").get(1).get("txid").asText()).isEqualTo(txid.toString());
        JsonNode coinbase = b.get("tx").get(0);
        assertThat(coinbase.get("vout").get(1).get("scriptPubKey").get("hex").asText()).startsWith("6a24aa21a9ed");
        assertThat(coinbase.get("vin").get(0).get("txinwitness").get(0).asText()).isEqualTo("00".repeat(32));
        assertThat(rpc.call("getrawmempool")).isEmpty();
        // subsidy + the funding transaction's fee, paid to the faucet
        assertThat(RpcClient.btcToSats(coinbase.get("vout").get(0).get("value"))).isGreaterThan(50_0000_0000L);
    }

    @Test
    void regtestSubsidyHalvesEvery150Blocks() {
        assertThat(BlockAssembler.subsidy(149)).isEqualTo(50_0000_0000L);
        assertThat(BlockAssembler.subsidy(150)).isEqualTo(25_0000_0000L);
    }

    @Test
    void formatsMoneyLikeCore() {
        assertThat(TxPolicy.formatMoney(100_000_000)).isEqualTo("1.00");
        assertThat(TxPolicy.formatMoney(1_000_000)).isEqualTo("0.01");
        assertThat(TxPolicy.formatMoney(1_234)).isEqualTo("0.00001234");
        assertThat(TxPolicy.formatMoney(50_0000_0000L)).isEqualTo("50.00");
    }

    @Test
    void ignoresTornTailOfBlockFile() throws IOException {
        node.mine(3, null);
        String tip = rpc.call("getbestblockhash").asText();
        node.close();
        Path file = dir.resolve("blocks.dat");
        long goodSize = Files.size(file);
        Files.write(file, new byte[] {0x4a, 0x4d, 0x52, 0x42, 0, 0, 1}, StandardOpenOption.APPEND);
        node = RegtestNode.start(dir, 0);
        rpc = client(node, "w");
        assertThat(rpc.call("getblockcount").asInt()).isEqualTo(3);
        assertThat(rpc.call("getbestblockhash").asText()).isEqualTo(tip);
        assertThat(Files.size(file)).isEqualTo(goodSize);
        node.close();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(goodSize - 10); // last block half written
        }
        node = RegtestNode.start(dir, 0);
        rpc = client(node, "w");
        assertThat(rpc.call("getblockcount").asInt()).isEqualTo(2);
        node.mine(1, null);
        assertThat(rpc.call("getblockcount").asInt()).isEqualTo(3);
    }

    @Test
    void rejectsFidelityBondSpendBeforeLocktime() {
        ECKey k = new ECKey();
        long future = 2_000_000_000L; // 2033
        byte[] ws = FidelityBondScripts.freezeScript(future, k.getPubKey());
        Address bond = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, Sha256Hash.hash(ws));
        assertThat(bond.toString()).isEqualTo(FidelityBondScripts.address(Network.REGTEST, ws));
        Sha256Hash txid = node.fund(bond, Sats.of(5_000_000));
        node.mine(1, null);
        OutPoint op = new OutPoint(txid, 0);
        // nLockTime at the bond's locktime: the script passes but the transaction is not final yet
        assertThatThrownBy(() -> node.submit(bondSpend(op, 5_000_000, k, ws, future)))
                .isInstanceOfSatisfying(TransactionRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).isEqualTo("non-final");
                });
        // nLockTime in the past: final, but CHECKLOCKTIMEVERIFY fails
        byte[] early = bondSpend(op, 5_000_000, k, ws, 1_600_000_000L);
        Transaction earlyTx = Transaction.read(java.nio.ByteBuffer.wrap(early));
        assertThatThrownBy(() -> node.submit(early))
                .isInstanceOfSatisfying(TransactionRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).isEqualTo(
                            "mempool-script-verify-flag-failed (Locktime requirement not satisfied), input 0 of "
                                    + earlyTx.getTxId() + " (wtxid " + earlyTx.getWTxId() + "), spending "
                                    + op.txid() + ":" + op.vout());
                });
    }

    @Test
    void acceptsFidelityBondSpendAfterLocktime() {
        ECKey k = new ECKey();
        long past = 1_600_000_000L;
        byte[] ws = FidelityBondScripts.freezeScript(past, k.getPubKey());
        Address bond = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, Sha256Hash.hash(ws));
        Sha256Hash txid = node.fund(bond, Sats.of(5_000_000));
        node.mine(1, null);
        assertThat(node.submit(bondSpend(new OutPoint(txid, 0), 5_000_000, k, ws, past))).isNotNull();
        // and a wrong key is still refused
        ECKey k2 = new ECKey();
        byte[] ws2 = FidelityBondScripts.freezeScript(past, k2.getPubKey());
        Sha256Hash txid2 = node.fund(SegwitAddress.fromHash(BitcoinNetwork.REGTEST, Sha256Hash.hash(ws2)),
                Sats.of(5_000_000));
        assertThatThrownBy(() -> node.submit(bondSpend(new OutPoint(txid2, 0), 5_000_000, new ECKey(), ws2, past)))
                .isInstanceOf(TransactionRejectedException.class);
    }

    @Test
    void enforcesBip68RelativeLockTimes() {
        ECKey k = new ECKey();
        Address a = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash());
        Sha256Hash txid = node.fund(a, Sats.of(1_000_000));
        node.mine(1, null); // coin at depth 1
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(txid, 0, new ScriptBuilder().build());
        tx.replaceInput(0, tx.getInput(0).withSequence(5)); // spendable at depth 5
        tx.addOutput(Coin.valueOf(990_000), a);
        TransactionSignature sig = tx.calculateWitnessSignature(0, k, ScriptBuilder.createP2PKHOutputScript(k),
                Coin.valueOf(1_000_000), Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.redeemP2WPKH(sig, k)));
        byte[] raw = tx.serialize();
        assertThatThrownBy(() -> node.submit(raw)).isInstanceOfSatisfying(TransactionRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo("non-BIP68-final"));
        node.mine(3, null); // the next block is only 4 above the coin's
        assertThatThrownBy(() -> node.submit(raw)).isInstanceOf(TransactionRejectedException.class);
        node.mine(1, null); // the next block is 5 above the coin's: sequence 5 is satisfied
        assertThat(node.submit(raw)).isEqualTo(tx.getTxId());
    }

    @Test
    void listsSendAndReceiveForSelfPaymentToAddressImportsButHidesRangedChange() {
        rpc.call("createwallet", "w", true, true, "", false, true);
        ECKey k = new ECKey();
        Address a = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash());
        rpc.callWallet("importdescriptors", List.of(Map.of("desc", DescriptorChecksum.append("addr(" + a + ")"),
                "timestamp", 0)));
        Sha256Hash txid = node.fund(a, Sats.of(1_000_000));
        node.mine(1, null);
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(txid, 0, new ScriptBuilder().build());
        tx.addOutput(Coin.valueOf(990_000), a);
        TransactionSignature sig = tx.calculateWitnessSignature(0, k, ScriptBuilder.createP2PKHOutputScript(k),
                Coin.valueOf(1_000_000), Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.redeemP2WPKH(sig, k)));
        node.submit(tx.serialize());
        JsonNode rows = rpc.callWallet("listtransactions", "*", 10);
        // Core lists a transaction's sends before its receives and then reverses the whole page
        assertThat(rows).extracting(r -> r.get("category").asText()).containsExactly("receive", "receive", "send");
        assertThat(rows.get(2).get("fee").decimalValue()).isEqualByComparingTo("-0.0001");
    }

    @Test
    void importTimestampsLimitWhatAWalletSeesUntilARescanAsInCore() {
        long t0 = 1_700_000_000L;
        node.setMockTime(t0);
        ECKey k = new ECKey();
        Address a = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash());
        String desc = DescriptorChecksum.append("addr(" + a + ")");
        Sha256Hash old = node.fund(a, Sats.of(1_000_000));
        node.mine(1, null);
        int oldHeight = (int) node.height();
        node.setMockTime(t0 + 5 * 3600); // five hours of block time later
        node.mine(1, null);
        RpcClient late = client(node, "late");
        late.call("createwallet", "late", true, true, "", false, true);
        // "now" = the tip's time: Core scans from 2 hours before it, so the old coin stays unseen
        late.callWallet("importdescriptors", List.of(Map.of("desc", desc, "timestamp", "now")));
        assertThat(late.callWallet("listunspent", 0)).isEmpty();
        assertThat(late.callWallet("listtransactions", "*", 10)).isEmpty();
        assertThatThrownBy(() -> late.callWallet("gettransaction", old.toString()))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-5));
        // what arrives after the import is seen
        Sha256Hash fresh = node.fund(a, Sats.of(2_000_000));
        assertThat(late.callWallet("listunspent", 0)).extracting(u -> u.get("txid").asText())
                .containsExactly(fresh.toString());
        // a timestamp 2 hours (Core's window) plus one second after the old block still finds it
        RpcClient early = client(node, "early");
        early.call("createwallet", "early", true, true, "", false, true);
        early.callWallet("importdescriptors", List.of(Map.of("desc", desc, "timestamp",
                node.chain().block(oldHeight).orElseThrow().time + 7_200)));
        assertThat(early.callWallet("listunspent", 0)).hasSize(2);
        // a rescan from the old block finds it too, and the wallet remembers it across a restart
        late.callWallet("rescanblockchain", oldHeight);
        assertThat(late.callWallet("listunspent", 0)).hasSize(2);
        node.mine(1, null); // the mempool does not survive a restart here
        node.close();
        node = RegtestNode.start(dir, 0);
        RpcClient again = client(node, "late");
        again.call("loadwallet", "late");
        assertThat(again.callWallet("listunspent", 0)).extracting(u -> u.get("txid").asText())
                .containsExactlyInAnyOrder(old.toString(), fresh.toString());
    }

    @Test
    void activeDescriptorsAreListedAsCoreListsThemAndOneIsActivePerTypeAndBranch() {
        rpc.call("createwallet", "w", true, true, "", false, true);
        String a = DescriptorChecksum.append("wpkh(" + org.bitcoinj.crypto.HDKeyDerivation.createMasterPrivateKey(
                new byte[32]).serializePubB58(BitcoinNetwork.TESTNET) + "/0/*)");
        String b = DescriptorChecksum.append("wpkh(" + org.bitcoinj.crypto.HDKeyDerivation.createMasterPrivateKey(
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).serializePubB58(BitcoinNetwork.TESTNET)
                + "/0/*)");
        rpc.callWallet("importdescriptors", List.of(Map.of("desc", a, "timestamp", "now", "active", true,
                "range", List.of(0, 9))));
        JsonNode first = rpc.callWallet("listdescriptors").get("descriptors").get(0);
        assertThat(first.get("active").asBoolean()).isTrue();
        assertThat(first.get("internal").asBoolean()).isFalse();
        List<String> members = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("desc", "timestamp", "active", "internal", "range", "next",
                "next_index");
        // a second active external bech32 descriptor takes over; the first is listed inactive, without "internal"
        rpc.callWallet("importdescriptors", List.of(Map.of("desc", b, "timestamp", "now", "active", true,
                "range", List.of(0, 9))));
        node.close();
        node = RegtestNode.start(dir, 0);
        rpc = client(node, "w");
        rpc.call("loadwallet", "w");
        for (JsonNode d : rpc.callWallet("listdescriptors").get("descriptors")) {
            assertThat(d.get("active").asBoolean()).isEqualTo(d.get("desc").asText().equals(b));
            assertThat(d.has("internal")).isEqualTo(d.get("desc").asText().equals(b));
        }
        JsonNode res = rpc.callWallet("importdescriptors", List.of(Map.of("desc",
                DescriptorChecksum.append("addr(" + node.faucetAddress() + ")"), "timestamp", "now", "active", true)));
        assertThat(res.get(0).get("error").get("message").asText()).isEqualTo("Active descriptors must be ranged");
    }

    @Test
    void aPaidAddressMovesNextIndexAndTopsTheDescriptorUpAsCoresMarkUnusedAddresses() {
        rpc.call("createwallet", "w", true, true, "", false, true);
        String desc = DescriptorChecksum.append("wpkh(" + org.bitcoinj.crypto.HDKeyDerivation.createMasterPrivateKey(
                new byte[32]).serializePubB58(BitcoinNetwork.TESTNET) + "/0/*)");
        rpc.callWallet("importdescriptors", List.of(Map.of("desc", desc, "timestamp", "now", "range", List.of(0, 9))));
        JsonNode addresses = rpc.call("deriveaddresses", desc, List.of(0, 1500));
        org.bitcoinj.base.AddressParser parser = org.bitcoinj.base.AddressParser.getDefault(BitcoinNetwork.REGTEST);
        node.fund(parser.parseAddress(addresses.get(999).asText()), Sats.of(100_000));
        JsonNode d = rpc.callWallet("listdescriptors").get("descriptors").get(0);
        assertThat(d.get("next_index").asInt()).isEqualTo(1000);
        assertThat(d.get("range")).extracting(JsonNode::asInt).containsExactly(0, 1999); // keypool 1000 past next
        // the topped-up addresses are watched: a payment to index 1500 is seen
        node.fund(parser.parseAddress(addresses.get(1500).asText()), Sats.of(200_000));
        node.mine(1, null);
        assertThat(rpc.callWallet("listunspent", 1)).hasSize(2);
        // a second wallet importing the same descriptor finds both while its import scans the chain
        RpcClient other = client(node, "other");
        other.call("createwallet", "other", true, true, "", false, true);
        other.callWallet("importdescriptors", List.of(Map.of("desc", desc, "timestamp", 0, "range", List.of(0, 9))));
        assertThat(other.callWallet("listdescriptors").get("descriptors").get(0).get("next_index").asInt())
                .isEqualTo(1501);
        assertThat(other.callWallet("listunspent", 1)).hasSize(2);
    }

    private static byte[] bondSpend(OutPoint op, long value, ECKey key, byte[] witnessScript, long lockTime) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(op.txid(), op.vout(), new ScriptBuilder().build());
        tx.replaceInput(0, tx.getInput(0).withSequence(0xFFFFFFFEL));
        tx.addOutput(Coin.valueOf(value - 10_000), SegwitAddress.fromHash(BitcoinNetwork.REGTEST,
                key.getPubKeyHash()));
        tx.setLockTime(lockTime);
        TransactionSignature sig = tx.calculateWitnessSignature(0, key, Script.parse(witnessScript),
                Coin.valueOf(value), Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.of(sig.encodeToBitcoin(), witnessScript)));
        return tx.serialize();
    }

    @Test
    void walletLifecycleUsesCoreErrorCodes() {
        rpc.call("createwallet", "w", true, true, "", false, true);
        assertThat(code(() -> rpc.call("createwallet", "w", true, true))).isEqualTo(-4);
        assertThat(code(() -> rpc.call("loadwallet", "w"))).isEqualTo(-35);
        assertThat(code(() -> rpc.call("loadwallet", "nosuch"))).isEqualTo(-18);
        assertThat(code(() -> rpc.callWallet("getwalletinfo").get("x"))).isEqualTo(0);
        RpcClient other = client(node, "nosuch");
        assertThat(code(() -> other.callWallet("getwalletinfo"))).isEqualTo(-18);
        assertThat(code(() -> rpc.call("getwalletinfo").get("x"))).isEqualTo(0); // only w listed (faucet hidden)
        rpc.call("createwallet", "w2", true, true, "", false, true);
        assertThat(code(() -> rpc.call("getwalletinfo"))).isEqualTo(-19); // w + w2 loaded
        rpc.call("unloadwallet", "w2");
        assertThat(code(() -> rpc.call("createwallet", "legacy", false, false, "", false, false))).isEqualTo(-4);
        JsonNode info = rpc.callWallet("getwalletinfo");
        assertThat(info.get("private_keys_enabled").asBoolean()).isFalse();
        assertThat(info.get("descriptors").asBoolean()).isTrue();
        assertThat(info.get("scanning").asBoolean()).isFalse();
        rpc.call("unloadwallet", "w");
        assertThat(rpc.call("listwallets")).isEmpty();
        rpc.call("loadwallet", "w");
        assertThat(rpc.call("listwallets")).extracting(JsonNode::asText).containsExactly("w");
    }

    @Test
    void importDescriptorsReportsPerRequestErrors() {
        rpc.call("createwallet", "w", true, true, "", false, true);
        ECKey k = new ECKey();
        String desc = "wpkh(" + k.getPublicKeyAsHex() + ")";
        JsonNode res = rpc.callWallet("importdescriptors", List.of(
                Map.of("desc", desc, "timestamp", "now"),
                Map.of("desc", DescriptorChecksum.append(desc), "timestamp", 0),
                Map.of("desc", desc + "#aaaaaaaa", "timestamp", 0)));
        assertThat(res.get(0).get("success").asBoolean()).isFalse();
        assertThat(res.get(0).get("error").get("message").asText()).isEqualTo("Missing checksum");
        assertThat(res.get(1).get("success").asBoolean()).isTrue();
        assertThat(res.get(2).get("error").get("message").asText()).startsWith("Provided checksum 'aaaaaaaa'");
        // as Core 29.3: every timestamp is read first, so a request without one fails the whole call
        assertThatThrownBy(() -> rpc.callWallet("importdescriptors", List.of(
                Map.of("desc", DescriptorChecksum.append(desc), "timestamp", 0),
                Map.of("desc", DescriptorChecksum.append(desc)))))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-3))
                .hasMessageContaining("Missing required timestamp field for key");
    }

    @Test
    void recordsTheChainHandsToRpcThreadsAreImmutable() {
        // RPC threads read TxRecord/BlockInfo without the chain lock: every field must be final
        for (Class<?> c : List.of(TxRecord.class, BlockInfo.class)) {
            assertThat(c.getDeclaredFields()).as(c.getSimpleName())
                    .allMatch(f -> java.lang.reflect.Modifier.isFinal(f.getModifiers()));
        }
    }

    @Test
    void namedParametersAreAccepted() {
        node.mine(2, null);
        assertThat(rpc.call("getblockcount").asInt()).isEqualTo(2);
        JsonNode r = rawPost("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":{\"height\":1}}", 200);
        assertThat(r.get("result").asText()).hasSize(64);
        JsonNode bad = rawPost("{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"getblockhash\",\"params\":{\"hieght\":1}}",
                500);
        assertThat(bad.get("error").get("code").asInt()).isEqualTo(-8);
    }

    @Test
    void answersWithCoreHttpStatusesAndJsonRpc2() {
        JsonNode nf = rawPost("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"nope\",\"params\":[]}", 404);
        assertThat(nf.get("error").get("code").asInt()).isEqualTo(-32601);
        JsonNode v2 = rawPost("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\",\"params\":[]}", 200);
        assertThat(v2.get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(v2.has("result")).isFalse();
        JsonNode ok2 = rawPost("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"getblockcount\"}", 200);
        assertThat(ok2.get("result").asInt()).isZero();
        assertThat(ok2.has("error")).isFalse();
        JsonNode parse = rawPost("{not json", 500);
        assertThat(parse.get("error").get("code").asInt()).isEqualTo(-32700);
        JsonNode batch = rawPost("[{\"id\":1,\"method\":\"getblockcount\"},{\"id\":2,\"method\":\"nope\"}]", 200);
        assertThat(batch).hasSize(2);
    }

    @Test
    void estimatesmartfeeAnswersLikeCoreWithoutData() {
        JsonNode r = rpc.call("estimatesmartfee", 6);
        assertThat(r.has("feerate")).isFalse();
        assertThat(r.get("errors").get(0).asText()).isEqualTo("Insufficient data or no feerate found");
        assertThat(code(() -> rpc.call("estimatesmartfee", 0))).isEqualTo(-8);
    }

    @Test
    void faucetFundsByMiningMatureCoinsFirst() {
        ECKey k = new ECKey();
        node.fund(SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash()), Sats.of(123_456));
        assertThat(node.height()).isGreaterThanOrEqualTo(100);
        RpcClient faucet = client(node, RegtestNode.FAUCET_WALLET);
        String txid = faucet.callWallet("sendtoaddress",
                SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash()).toString(), 0.5).asText();
        assertThat(txid).hasSize(64);
        assertThat(faucet.callWallet("getnewaddress").asText()).isEqualTo(node.faucetAddress().toString());
    }

    private static int code(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (RpcException e) {
            return e.code();
        }
    }

    private JsonNode rawPost(String body, int expectStatus) {
        try {
            String auth = Base64.getEncoder().encodeToString(Files.readString(node.cookieFile()).trim()
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.rpcUrl())
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + auth)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(expectStatus);
            return RpcClient.newMapper().readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSegwitTransactionWhoseBytesAlsoParseAsALegacyOneWithoutInputsIsDecodedAsSegwit() {
        // about 1 segwit transaction in 256 also parses as a legacy transaction without inputs;
        // Core decodes the witness form first, so it is refused for its missing input, not vin-empty
        java.util.Random random = new java.util.Random(7);
        byte[] raw = null;
        for (int i = 0; i < 200_000 && raw == null; i++) {
            byte[] prev = new byte[32];
            random.nextBytes(prev);
            org.bitcoinj.core.Transaction tx = new org.bitcoinj.core.Transaction();
            tx.addInput(org.bitcoinj.base.Sha256Hash.wrap(prev), 0, new org.bitcoinj.script.ScriptBuilder().build());
            tx.replaceInput(0, tx.getInput(0).withWitness(
                    org.bitcoinj.core.TransactionWitness.of(List.of(new byte[71], new byte[33]))));
            tx.addOutput(Coin.valueOf(50_000), org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(new byte[20]));
            byte[] bytes = tx.serialize();
            if (TxCodec.isLegacyWithoutInputs(bytes)) {
                raw = bytes;
            }
        }
        assertThat(raw).as("a segwit transaction that also parses as legacy without inputs").isNotNull();
        String hex = org.bitcoinj.base.internal.ByteUtils.formatHex(raw);
        assertThatThrownBy(() -> rpc.call("sendrawtransaction", hex)).isInstanceOf(RpcException.class)
                .hasMessageNotContaining("vin-empty");
    }
}
