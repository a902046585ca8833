package jm.taker.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jm.core.Nick;
import jm.core.Sats;

/** The outcome of checking one maker's {@code !ioauth} (PROTOCOL.md 9.4). */
public sealed interface IoAuthVerdict {

    /** Why a maker was dropped. */
    enum Reason {
        NO_UTXOS,
        TOO_MANY_UTXOS,
        DUPLICATE_UTXO,
        UTXO_ALREADY_USED,
        UTXO_MISSING_OR_SPENT,
        UTXO_UNCONFIRMED,
        UTXO_NOT_P2WPKH,
        BAD_AUTH_PUBKEY,
        BAD_AUTH_SIGNATURE,
        AUTH_KEY_NOT_AN_INPUT,
        BAD_ADDRESS,
        ADDRESS_REUSED,
        CHANGE_BELOW_DUST,
        INSUFFICIENT_INPUTS
    }

    /**
     * The maker passed: everything the transaction needs from it.
     *
     * @param maker        its nick
     * @param inputs       its inputs with values and scripts from our lookups
     * @param cjScript     scriptPubKey of its CoinJoin output
     * @param changeScript scriptPubKey of its change output
     * @param change       its change value (inputs - amount - txfee + cjfee)
     * @param cjFee        the fee it earns
     */
    record Accepted(Nick maker, List<CoinJoinInput> inputs, byte[] cjScript, byte[] changeScript, Sats change,
            Sats cjFee) implements IoAuthVerdict {
        public Accepted {
            Objects.requireNonNull(maker);
            inputs = List.copyOf(inputs);
            cjScript = cjScript.clone();
            changeScript = changeScript.clone();
            Objects.requireNonNull(change);
            Objects.requireNonNull(cjFee);
        }

        @Override
        public byte[] cjScript() {
            return cjScript.clone();
        }

        @Override
        public byte[] changeScript() {
            return changeScript.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Accepted a && a.maker.equals(maker) && a.inputs.equals(inputs)
                    && Arrays.equals(a.cjScript, cjScript) && Arrays.equals(a.changeScript, changeScript)
                    && a.change.equals(change) && a.cjFee.equals(cjFee);
        }

        @Override
        public int hashCode() {
            return Objects.hash(maker, inputs, change);
        }

        @Override
        public String toString() {
            return "Accepted[" + maker + ", " + inputs.size() + " inputs, change " + change + ", fee " + cjFee + "]";
        }
    }

    /** The maker failed a check. */
    record Rejected(Nick maker, Reason reason, String detail) implements IoAuthVerdict {
        public Rejected {
            Objects.requireNonNull(maker);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(detail);
        }
    }
}
