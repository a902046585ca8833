package jm.chain.regtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jm.chain.DescriptorImport;
import jm.chain.WalletUtxo;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.core.Sats;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.HDKeyDerivation;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Benchmark, run by hand (not in CI): {@code jm-chain/bench.sh}. Measures (1) validating and
 * mining a block of 1,000 P2WPKH spends (sendrawtransaction over HTTP for each, then one
 * generatetoaddress) and (2) listunspent over HTTP for a watch-only wallet of 10,000 addresses.
 */
public final class RegtestBench {
    private RegtestBench() {
    }

    public static void main(String[] args) throws Exception {
        int spends = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int addresses = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        for (int round = 1; round <= 3; round++) {
            Path dir = Files.createTempDirectory("jm-regtest-bench");
            try (RegtestNode node = RegtestNode.start(dir, 0)) {
                System.out.printf("round %d%n", round);
                blockOfSpends(node, spends);
                listUnspent(node, addresses);
            }
        }
    }

    private static BitcoinCoreBackend backend(RegtestNode node, String wallet) {
        return new BitcoinCoreBackend(new RpcConfig(node.rpcUrl(), new RpcAuth.CookieFile(node.cookieFile()), wallet,
                Duration.ofSeconds(120)));
    }

    private static void blockOfSpends(RegtestNode node, int n) {
        ECKey key = new ECKey();
        Address addr = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, key.getPubKeyHash());
        long each = 100_000;
        // one funding transaction with n outputs to our key
        Sha256Hash fundTxid = node.fund(addr, Sats.of(each * n + 1_000_000));
        node.mine(1, null);
        Transaction split = new Transaction();
        split.setVersion(2);
        split.addInput(fundTxid, 0, new ScriptBuilder().build());
        for (int i = 0; i < n; i++) {
            split.addOutput(Coin.valueOf(each), addr);
        }
        sign(split, 0, key, each * n + 1_000_000);
        Sha256Hash splitId = node.submit(split.serialize());
        node.mine(1, null);
        List<byte[]> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Transaction t = new Transaction();
            t.setVersion(2);
            t.addInput(splitId, i, new ScriptBuilder().build());
            t.addOutput(Coin.valueOf(each - 500), addr);
            sign(t, 0, key, each);
            txs.add(t.serialize());
        }
        BitcoinCoreBackend b = backend(node, "bench");
        long t0 = System.nanoTime();
        for (byte[] raw : txs) {
            b.broadcast(raw);
        }
        long t1 = System.nanoTime();
        String hash = b.rpc().call("generatetoaddress", 1, addr.toString()).get(0).asText();
        long t2 = System.nanoTime();
        int ntx = b.rpc().call("getblock", hash, 1).get("tx").size();
        System.out.printf("  %d P2WPKH spends: sendrawtransaction (validate, HTTP) total %.1f ms = %.3f ms/tx; "
                + "mine block of %d txs %.1f ms%n", n, (t1 - t0) / 1e6, (t1 - t0) / 1e6 / n, ntx, (t2 - t1) / 1e6);
    }

    private static void sign(Transaction t, int i, ECKey key, long value) {
        TransactionSignature sig = t.calculateWitnessSignature(i, key, ScriptBuilder.createP2PKHOutputScript(key),
                Coin.valueOf(value), Transaction.SigHash.ALL, false);
        t.replaceInput(i, t.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(sig, key)));
    }

    private static void listUnspent(RegtestNode node, int n) {
        DeterministicKey account = HDKeyDerivation.deriveChildKey(HDKeyDerivation.createMasterPrivateKey(new byte[32]),
                new ChildNumber(0, true));
        String tpub = account.serializePubB58(BitcoinNetwork.TESTNET);
        BitcoinCoreBackend b = backend(node, "w10k");
        b.ensureWallet();
        long t0 = System.nanoTime();
        b.importDescriptors(List.of(new DescriptorImport("wpkh(" + tpub + "/0/*)", n - 1, 0, false)));
        long t1 = System.nanoTime();
        // pay 200 of the addresses in one transaction
        DeterministicKey branch = HDKeyDerivation.deriveChildKey(account, new ChildNumber(0, false));
        ECKey payer = new ECKey();
        Address payerAddr = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, payer.getPubKeyHash());
        int paid = Math.min(200, n);
        Sha256Hash f = node.fund(payerAddr, Sats.of(paid * 50_000L + 1_000_000));
        node.mine(1, null);
        Transaction t = new Transaction();
        t.setVersion(2);
        t.addInput(f, 0, new ScriptBuilder().build());
        for (int i = 0; i < paid; i++) {
            int idx = (int) ((long) i * n / paid);
            DeterministicKey k = HDKeyDerivation.deriveChildKey(branch, new ChildNumber(idx, false));
            t.addOutput(Coin.valueOf(50_000), SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash()));
        }
        sign(t, 0, payer, paid * 50_000L + 1_000_000);
        node.submit(t.serialize());
        node.mine(1, null);
        List<WalletUtxo> u = b.listUnspent(1);
        int reps = 20;
        long t2 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            u = b.listUnspent(1);
        }
        long t3 = System.nanoTime();
        NodeRpc direct = new NodeRpc(node);
        com.fasterxml.jackson.databind.JsonNode params = RpcClient.newMapper().createArrayNode().add(1);
        long t4 = System.nanoTime();
        int size = 0;
        for (int i = 0; i < reps; i++) {
            try {
                size = direct.call("listunspent", params, "w10k").size();
            } catch (RpcError | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        long t5 = System.nanoTime();
        System.out.printf("  wallet of %d addresses: importdescriptors %.1f ms; listunspent (%d utxos) over HTTP "
                + "%.2f ms/call, in-process %.2f ms/call (%d)%n", n, (t1 - t0) / 1e6, u.size(),
                (t3 - t2) / 1e6 / reps, (t5 - t4) / 1e6 / reps, size);
    }
}
