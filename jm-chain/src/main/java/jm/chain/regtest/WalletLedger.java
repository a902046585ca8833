package jm.chain.regtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * A watch-only wallet's view of the chain: its coins (with trust and maturity), its transactions
 * and Core's per-output rows. As in Core, only the wallet's transactions count: those paying one
 * of its scripts in a block the wallet has seen for that script (or in the mempool), and those
 * spending an output of a wallet transaction.
 */
final class WalletLedger {
    private final RegtestChain chain;

    WalletLedger(RegtestChain chain) {
        this.chain = chain;
    }

    /** A wallet coin with the facts listunspent and balances need. */
    record WalletCoin(OutPoint op, long value, byte[] spk, RegtestWallet.Watched watched, int conf,
                        boolean coinbase, boolean immature, boolean trusted) {
    }

    List<WalletCoin> walletCoins(RegtestWallet w) {
        List<WalletCoin> out = new ArrayList<>();
        int tip = chain.tipHeight();
        Map<Bytes, RegtestWallet.Watched> scripts = w.scripts();
        Map<Sha256Hash, Boolean> known = new java.util.HashMap<>();
        chain.forEachUnspent(scripts.keySet(), true, (spk, e) -> {
            OutPoint op = e.getKey();
            Coin coin = e.getValue();
            if (!chain.tx(op.txid()).map(r -> isWalletTx(w, r, known)).orElse(false)) {
                return;
            }
            int conf = coin.height() < 0 ? 0 : tip - coin.height() + 1;
            boolean immature = coin.coinbase() && conf < TxPolicy.COINBASE_MATURITY + 1;
            out.add(new WalletCoin(op, coin.value(), coin.spk(), scripts.get(spk), conf, coin.coinbase(), immature, conf > 0));
        });
        // unconfirmed coins are "safe" (trusted) only when the wallet funded them with its own coins
        for (int i = 0; i < out.size(); i++) {
            WalletCoin c = out.get(i);
            if (c.conf == 0 && allInputsMine(w, c.op.txid())) {
                out.set(i, new WalletCoin(c.op, c.value, c.spk, c.watched, 0, c.coinbase, c.immature, true));
            }
        }
        return out;
    }

    /** Core's balance buckets: trusted (confirmed or own change), untrusted pending, immature coinbase. */
    record Balances(long trusted, long untrustedPending, long immature) {
    }

    Balances balances(RegtestWallet w) {
        long trusted = 0;
        long pending = 0;
        long immature = 0;
        for (WalletCoin c : walletCoins(w)) {
            if (c.immature()) {
                immature += c.value();
            } else if (c.conf() > 0 || c.trusted()) {
                trusted += c.value();
            } else {
                pending += c.value();
            }
        }
        return new Balances(trusted, pending, immature);
    }

    /** Core's CachedTxIsTrusted for a mempool transaction: every input is the wallet's. */
    boolean allInputsMine(RegtestWallet w, Sha256Hash txid) {
        Optional<TxRecord> r = chain.tx(txid);
        if (r.isEmpty() || r.get().coinbase) {
            return false;
        }
        Map<Sha256Hash, Boolean> known = new java.util.HashMap<>();
        for (TransactionInput in : r.get().tx.getInputs()) {
            if (!spendsWalletCoin(w, TxCodec.outPoint(in), known)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code r} is one of the wallet's transactions (Core's AddToWalletIfInvolvingMe at the
     * time it saw the block): it pays a wallet script in a block seen for that script, or spends an
     * output of a wallet transaction.
     */
    boolean isWalletTx(RegtestWallet w, TxRecord r, Map<Sha256Hash, Boolean> known) {
        Boolean k = known.get(r.txid);
        if (k != null) {
            return k;
        }
        known.put(r.txid, false);
        boolean mine = false;
        for (TransactionOutput o : r.tx.getOutputs()) {
            RegtestWallet.Watched watched = w.watched(Bytes.wrap(o.getScriptBytes()));
            if (watched != null && w.sees(watched, r.height)) {
                mine = true;
                break;
            }
        }
        if (!mine && !r.coinbase) {
            for (TransactionInput in : r.tx.getInputs()) {
                if (spendsWalletCoin(w, TxCodec.outPoint(in), known)) {
                    mine = true;
                    break;
                }
            }
        }
        known.put(r.txid, mine);
        return mine;
    }

    /** Whether {@code op} is an output to a wallet script of a wallet transaction (Core's IsFromMe for one input). */
    private boolean spendsWalletCoin(RegtestWallet w, OutPoint op, Map<Sha256Hash, Boolean> known) {
        Optional<Coin> prev = chain.output(op);
        return prev.isPresent() && w.watched(Bytes.wrap(prev.get().spk())) != null
                && chain.tx(op.txid()).map(p -> isWalletTx(w, p, known)).orElse(false);
    }

    /** One listtransactions/gettransaction details row. */
    record Row(Sha256Hash txid, String address, String category, long amount, int vout, Long fee,
                       String parentDesc) {
    }

    /**
     * A transaction's effect on a wallet as Core computes it: debit = the wallet's inputs, credit =
     * the wallet's outputs, fee = (all outputs) - debit when the wallet paid anything (the real fee
     * when all inputs are the wallet's), amount = credit - debit - fee.
     */
    record Effect(long debit, long credit, Long fee) {
        long amount() {
            return credit - debit - (fee == null ? 0 : fee);
        }
    }

    Effect effect(RegtestWallet w, TxRecord r) {
        long debit = 0;
        if (!r.coinbase) {
            Map<Sha256Hash, Boolean> known = new java.util.HashMap<>();
            for (TransactionInput in : r.tx.getInputs()) {
                OutPoint op = TxCodec.outPoint(in);
                if (spendsWalletCoin(w, op, known)) {
                    debit += chain.output(op).orElseThrow().value();
                }
            }
        }
        long credit = 0;
        long valueOut = 0;
        for (TransactionOutput o : r.tx.getOutputs()) {
            valueOut += o.getValue().value;
            if (w.watched(Bytes.wrap(o.getScriptBytes())) != null) {
                credit += o.getValue().value;
            }
        }
        return new Effect(debit, credit, debit > 0 ? valueOut - debit : null);
    }

    /** Core's per-output rows of a wallet transaction (send rows when the wallet paid, else receives). */
    List<Row> rows(RegtestWallet w, TxRecord r) {
        List<Row> rows = new ArrayList<>();
        Effect effect = effect(w, r);
        long debit = effect.debit();
        Long fee = effect.fee();
        Transaction tx = r.tx;
        List<TransactionOutput> outs = tx.getOutputs();
        for (int n = 0; n < outs.size(); n++) {
            byte[] spk = outs.get(n).getScriptBytes();
            long v = outs.get(n).getValue().value;
            RegtestWallet.Watched mine = w.watched(Bytes.wrap(spk));
            if (debit > 0) {
                if (mine != null && !mine.inAddressBook()) {
                    continue; // Core: a wallet script without address-book entry is change, listed nowhere
                }
                rows.add(new Row(r.txid, Scripts.address(spk).orElse(""), "send", -v, n, fee, null));
                if (mine != null) {
                    rows.add(new Row(r.txid, mine.address(), "receive", v, n, null, mine.descriptorWithChecksum()));
                }
            } else if (mine != null) {
                String cat = "receive";
                if (r.coinbase) {
                    int conf = chain.confirmations(r);
                    cat = conf < TxPolicy.COINBASE_MATURITY + 1 ? (conf == 0 ? "orphan" : "immature") : "generate";
                }
                rows.add(new Row(r.txid, mine.address(), cat, v, n, null, mine.descriptorWithChecksum()));
            }
        }
        return rows;
    }

    /** Wallet transactions, oldest first (confirmed by height and position, then mempool). */
    List<TxRecord> walletTxs(RegtestWallet w) {
        Map<Sha256Hash, TxRecord> found = new LinkedHashMap<>();
        for (Bytes spk : w.scripts().keySet()) {
            for (OutPoint op : chain.outputsTo(spk)) {
                chain.tx(op.txid()).ifPresent(r -> found.put(r.txid, r));
                chain.spender(op).flatMap(chain::tx).ifPresent(r -> found.put(r.txid, r));
            }
        }
        Map<Sha256Hash, Boolean> known = new java.util.HashMap<>();
        List<TxRecord> list = new ArrayList<>(found.values());
        list.removeIf(r -> !isWalletTx(w, r, known));
        list.sort(Comparator.comparingLong((TxRecord r) -> r.height < 0 ? Long.MAX_VALUE : r.height)
                .thenComparingInt(r -> r.indexInBlock).thenComparingLong(r -> r.timeReceived));
        return list;
    }
}
