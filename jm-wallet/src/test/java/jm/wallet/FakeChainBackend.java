package jm.wallet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.DescriptorImport;
import jm.chain.TxOutInfo;
import jm.chain.WalletTx;
import jm.chain.WalletUtxo;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Sha256Hash;

/** An in-memory backend: tests put coins and history in, the wallet reads them. */
final class FakeChainBackend implements ChainBackend {
    final Network network;
    final List<WalletUtxo> utxos = new ArrayList<>();
    final List<WalletTx> txs = new ArrayList<>();
    final List<List<DescriptorImport>> imports = new ArrayList<>();
    final List<byte[]> broadcasts = new ArrayList<>();
    /** Unspent outputs of other parties (gettxout finds them), e.g. a taker's CoinJoin inputs. */
    final java.util.Set<OutPoint> foreignUnspent = new java.util.HashSet<>();
    private int counter;

    FakeChainBackend(Network network) {
        this.network = network;
    }

    /** Adds a coin paying {@code address} in a new transaction; returns its outpoint. */
    OutPoint pay(String address, byte[] spk, long sats, int confirmations) {
        Sha256Hash txid = Sha256Hash.of(("tx" + (counter++)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OutPoint op = new OutPoint(txid, 0);
        utxos.add(new WalletUtxo(op, new Sats(sats), spk, address, confirmations));
        txs.add(new WalletTx(txid, address, "receive", sats, confirmations, 0));
        return op;
    }

    void spend(OutPoint op) {
        utxos.removeIf(u -> u.outpoint().equals(op));
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public long tipHeight() {
        return 200;
    }

    @Override
    public long tipMedianTime() {
        return 1_700_000_000L;
    }

    /** Blocks 600 s apart, the tip's median time past being the time of the block 5 below it. */
    @Override
    public long blockTime(long height) {
        return 1_700_000_000L - (tipHeight() - 5 - height) * 600;
    }

    @Override
    public Optional<TxOutInfo> getTxOut(OutPoint outpoint, boolean includeMempool) {
        if (foreignUnspent.contains(outpoint)) {
            return Optional.of(new TxOutInfo(new Sats(1_000_000), new byte[22], 6, false));
        }
        return utxos.stream().filter(u -> u.outpoint().equals(outpoint)).findFirst()
                .map(u -> new TxOutInfo(u.value(), u.scriptPubKey(), u.confirmations(), false));
    }

    @Override
    public Optional<byte[]> getRawTransaction(Sha256Hash txid) {
        return Optional.empty();
    }

    @Override
    public Optional<Integer> getConfirmations(Sha256Hash txid) {
        return Optional.empty();
    }

    @Override
    public Sha256Hash broadcast(byte[] rawTx) {
        broadcasts.add(rawTx.clone());
        return Sha256Hash.ZERO_HASH;
    }

    @Override
    public long estimateFeeSatPerVb(int targetBlocks, long floorSatPerVb, long capSatPerVb) {
        return floorSatPerVb;
    }

    @Override
    public long waitForBlockAbove(long height, Duration timeout) {
        return 200;
    }

    @Override
    public int waitForConfirmations(Sha256Hash txid, int confirmations, Duration timeout) {
        return confirmations;
    }

    @Override
    public void ensureWallet() {
    }

    @Override
    public void importDescriptors(List<DescriptorImport> descriptors) {
        imports.add(List.copyOf(descriptors));
    }

    @Override
    public List<WalletUtxo> listUnspent(int minConf) {
        return utxos.stream().filter(u -> u.confirmations() >= minConf).toList();
    }

    @Override
    public List<WalletTx> listTransactions(int count) {
        return List.copyOf(txs);
    }

    @Override
    public void rescan(long fromHeight, RescanProgress progress) {
        progress.onProgress(1.0);
    }

    @Override
    public void close() {
    }
}
