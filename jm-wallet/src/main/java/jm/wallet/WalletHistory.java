package jm.wallet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import jm.chain.ChainBackend;
import jm.chain.WalletTx;
import jm.wallet.keys.KeyPath;
import org.bitcoinj.base.Network;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * The wallet's history, one row per transaction with its net effect, classified from chain data
 * alone (which inputs and outputs are ours, by mixdepth), so it works as well for a wallet
 * restored from its seed: no input of ours → received; an input not ours and equal-value outputs
 * → CoinJoin, as taker if the wallet lost value (it paid the fees), as maker if it gained; every
 * output ours → internal; otherwise sent.
 */
final class WalletHistory {
    private static final int SCAN = 10_000;

    private final Network network;
    private final AddressBook addresses;

    WalletHistory(WalletConfig config, AddressBook addresses) {
        this.network = config.network().bitcoinj();
        this.addresses = addresses;
    }

    /** The last {@code count} wallet transactions, oldest first. */
    List<HistoryRow> rows(ChainBackend backend, int count) {
        Map<Sha256Hash, WalletTx> byTxid = new LinkedHashMap<>();
        for (WalletTx t : backend.listTransactions(SCAN)) {
            byTxid.putIfAbsent(t.txid(), t);
        }
        List<WalletTx> txs = new ArrayList<>(byTxid.values());
        Map<Sha256Hash, Optional<Transaction>> cache = new HashMap<>();
        List<HistoryRow> out = new ArrayList<>();
        for (WalletTx t : txs.subList(Math.max(0, txs.size() - count), txs.size())) {
            load(backend, t.txid(), cache).ifPresent(tx -> out.add(classify(tx, t, backend, cache)));
        }
        return out;
    }

    private HistoryRow classify(Transaction tx, WalletTx row, ChainBackend backend,
                                Map<Sha256Hash, Optional<Transaction>> cache) {
        TreeSet<Integer> mixdepths = new TreeSet<>();
        long oursIn = 0;
        boolean foreignInput = false;
        for (TransactionInput in : tx.getInputs()) {
            Optional<TransactionOutput> prev = Optional.empty();
            Sha256Hash prevTxid = in.getOutpoint().hash();
            if (!in.isCoinBase()) { // a funding transaction the node cannot find is not ours
                prev = load(backend, prevTxid, cache).filter(p -> in.getOutpoint().index() < p.getOutputs().size())
                        .map(p -> p.getOutput(in.getOutpoint().index()));
            }
            Optional<KeyPath> path = prev.flatMap(this::pathOf);
            if (path.isPresent()) {
                oursIn += prev.get().getValue().value;
                mixdepths.add(path.get().mixdepth());
            } else {
                foreignInput = true;
            }
        }
        long oursOut = 0;
        long othersOut = 0;
        List<Long> oursValues = new ArrayList<>();
        Map<Long, Integer> valueCounts = new HashMap<>();
        for (TransactionOutput o : tx.getOutputs()) {
            long v = o.getValue().value;
            valueCounts.merge(v, 1, Integer::sum);
            Optional<KeyPath> path = pathOf(o);
            if (path.isPresent()) {
                oursOut += v;
                oursValues.add(v);
                mixdepths.add(path.get().mixdepth());
            } else {
                othersOut += v;
            }
        }
        long net = oursOut - oursIn;
        long cjAmount = valueCounts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0L);
        HistoryRow.Type type;
        long amount;
        OptionalLong fee;
        if (oursIn == 0) {
            type = HistoryRow.Type.RECEIVED;
            amount = oursOut;
            fee = OptionalLong.empty();
        } else if (foreignInput && cjAmount > 0) {
            amount = cjAmount;
            if (net < 0) {
                type = HistoryRow.Type.COINJOIN_TAKER;
                // the CoinJoin output went elsewhere (a payment through a CoinJoin): it is not a fee
                fee = OptionalLong.of(-net - (oursValues.contains(cjAmount) ? 0 : cjAmount));
            } else {
                type = HistoryRow.Type.COINJOIN_MAKER;
                fee = OptionalLong.of(net);
            }
        } else {
            long minerFee = oursIn - oursOut - othersOut;
            fee = foreignInput ? OptionalLong.empty() : OptionalLong.of(minerFee);
            type = othersOut == 0 && !foreignInput ? HistoryRow.Type.INTERNAL : HistoryRow.Type.SENT;
            amount = type == HistoryRow.Type.INTERNAL ? oursOut : othersOut;
        }
        return new HistoryRow(tx.getTxId(), type, net, amount, fee, List.copyOf(mixdepths), row.confirmations(),
                row.blockTime());
    }

    private Optional<KeyPath> pathOf(TransactionOutput o) {
        try {
            return addresses.pathOf(o.getScriptPubKey().getToAddress(network).toString());
        } catch (RuntimeException e) { // OP_RETURN or a script without an address: never ours
            return Optional.empty();
        }
    }

    private static Optional<Transaction> load(ChainBackend backend, Sha256Hash txid,
                                              Map<Sha256Hash, Optional<Transaction>> cache) {
        return cache.computeIfAbsent(txid,
                id -> backend.getRawTransaction(id).map(raw -> Transaction.read(ByteBuffer.wrap(raw))));
    }
}
