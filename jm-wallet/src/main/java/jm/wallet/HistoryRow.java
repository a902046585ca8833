package jm.wallet;

import java.util.List;
import java.util.OptionalLong;
import org.bitcoinj.base.Sha256Hash;

/**
 * One wallet transaction as the user sees it: its net effect on the wallet.
 *
 * @param txid          transaction
 * @param type          what it was for this wallet
 * @param netSats       what the wallet's balance changed by (our outputs minus our inputs; negative
 *                      when value left the wallet)
 * @param amountSats    received: what arrived; sent: what went to others (fee excluded); CoinJoin:
 *                      the CoinJoin amount (the equal outputs); internal: what was moved
 * @param feeSats       sent/internal: the miner fee (empty when an input is not ours); CoinJoin as
 *                      taker: every fee paid (maker fees + the miner fee share); CoinJoin as maker:
 *                      the fee earned (the wallet's gain); received: empty
 * @param mixdepths     mixdepths of our inputs and outputs, ascending
 * @param confirmations 0 in the mempool
 * @param blockTime     Unix seconds of the confirming block, 0 if unconfirmed
 */
public record HistoryRow(Sha256Hash txid, Type type, long netSats, long amountSats, OptionalLong feeSats,
                         List<Integer> mixdepths, int confirmations, long blockTime) {

    public HistoryRow {
        mixdepths = List.copyOf(mixdepths);
    }

    /** What a transaction was for this wallet. */
    public enum Type {
        /** Only outputs of ours: a payment to the wallet. */
        RECEIVED("received"),
        /** Our inputs paid someone else (a plain payment). */
        SENT("sent"),
        /** Our inputs paid only ourselves (between mixdepths, consolidation). */
        INTERNAL("internal"),
        /** A CoinJoin in which we paid the fees. */
        COINJOIN_TAKER("coinjoin-taker"),
        /** A CoinJoin in which we earned the fee. */
        COINJOIN_MAKER("coinjoin-maker");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The name in {@code --json} output and the table. */
        public String wireName() {
            return wireName;
        }
    }
}
