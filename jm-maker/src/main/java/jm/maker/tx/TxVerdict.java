package jm.maker.tx;

import java.util.List;
import java.util.Objects;
import jm.core.Sats;
import org.bitcoinj.core.Transaction;

/**
 * Outcome of checking a taker's {@code !tx}: either the transaction may be signed (and which of
 * its inputs are ours), or the exact reason it must not be.
 */
public sealed interface TxVerdict {

    /**
     * The transaction pays us what we are owed and spends no coin of ours except the declared ones.
     *
     * @param tx               the parsed transaction (a private copy; signing mutates only witnesses)
     * @param ourInputIndexes  indexes of the declared inputs, in transaction order
     * @param expectedChange   the change we are owed ({@code sum(U) - A - T + F})
     */
    record Accepted(Transaction tx, List<Integer> ourInputIndexes, Sats expectedChange) implements TxVerdict {
        public Accepted {
            Objects.requireNonNull(tx, "tx");
            ourInputIndexes = List.copyOf(ourInputIndexes);
            Objects.requireNonNull(expectedChange, "expectedChange");
            if (ourInputIndexes.isEmpty()) {
                throw new IllegalArgumentException("no input of ours");
            }
        }
    }

    /**
     * Refused: nothing may be signed.
     *
     * @param reason what failed
     * @param detail human-readable detail for logs (no keys; may name outpoints at DEBUG)
     */
    record Rejected(Reason reason, String detail) implements TxVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }
    }

    /** Everything that can make a {@code !tx} unsignable, from session state to output values. */
    enum Reason {
        // ---- session and transport (checked before the transaction is looked at) ----
        /** No session with this taker nick (never filled, replaced, or finished). */
        NO_SESSION,
        /** The session is not waiting for {@code !tx} (e.g. {@code !tx} before {@code !auth}, or twice). */
        WRONG_STATE,
        /** The session passed its timeout. */
        SESSION_EXPIRED,
        /** The ciphertext does not decrypt with this session's box (wrong key, replay, tampering). */
        UNDECRYPTABLE,
        /** The decrypted plaintext is not base64. */
        BAD_BASE64,

        // ---- serialisation ----
        /** Larger than any CoinJoin we sign. */
        OVERSIZED_TX,
        /** Not a transaction. */
        UNPARSABLE_TX,
        /** Bytes left over after the transaction. */
        TRAILING_BYTES,
        /** Version other than 1, 2 or 3. */
        UNSUPPORTED_VERSION,
        NO_INPUTS,
        NO_OUTPUTS,
        /** The same outpoint is spent twice. */
        DUPLICATE_INPUT,
        /** An unsigned transaction must carry no scriptSig. */
        NON_EMPTY_SCRIPT_SIG,
        /** An unsigned transaction must carry no witness. */
        NON_EMPTY_WITNESS,
        /** An output value is negative or above 21 million BTC, or the total overflows. */
        OUTPUT_VALUE_OUT_OF_RANGE,
        /** Locktime in the future or time-based. */
        LOCKTIME_NOT_SANE,
        /** One of our inputs has a relative locktime / non-final sequence below 0xFFFFFFFD. */
        SEQUENCE_NOT_SANE,

        // ---- money ----
        /** One of the inputs we declared in {@code !ioauth} is not spent by the transaction. */
        MISSING_OUR_INPUT,
        /** The transaction spends a coin of our wallet that we did not declare (bond coins included). */
        UNDECLARED_OWN_INPUT,
        /** Our fee minus our tx fee contribution is negative. */
        NEGATIVE_EARNING,
        CJ_OUTPUT_MISSING,
        /** More than one output pays our CoinJoin address. */
        CJ_OUTPUT_DUPLICATED,
        /** The CoinJoin output is below the amount of the {@code !fill}. */
        CJ_OUTPUT_SHORT,
        CHANGE_OUTPUT_MISSING,
        /** More than one output pays our change address. */
        CHANGE_OUTPUT_DUPLICATED,
        /** Change output below the 27,300 sat maker dust threshold. */
        CHANGE_BELOW_DUST,
        /** Change output below {@code sum(U) - A - T + F}. */
        CHANGE_OUTPUT_SHORT,
        /** An output pays a script of ours other than the CoinJoin and change addresses we announced. */
        OUTPUT_TO_OTHER_OWN_SCRIPT
    }

    static TxVerdict reject(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
