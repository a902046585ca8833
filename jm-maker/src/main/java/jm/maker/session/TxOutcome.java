package jm.maker.session;

import java.util.List;
import java.util.Objects;
import jm.maker.tx.TxVerdict;
import org.bitcoinj.base.Sha256Hash;

/** Result of handling a {@code !tx}. */
public sealed interface TxOutcome {

    /**
     * Signed: send each of {@code encryptedSigs} as one {@code !sig}.
     *
     * @param txid           non-witness txid of the transaction we signed
     * @param encryptedSigs  base64 ciphertexts, one per input of ours
     * @param verdict        the accepted verdict (our input indexes, expected change)
     */
    record Signed(Sha256Hash txid, List<String> encryptedSigs, TxVerdict.Accepted verdict) implements TxOutcome {
        public Signed {
            Objects.requireNonNull(txid);
            encryptedSigs = List.copyOf(encryptedSigs);
            Objects.requireNonNull(verdict);
        }
    }

    /** Refused; nothing was signed. */
    record Refused(TxVerdict.Rejected verdict) implements TxOutcome {
        public Refused {
            Objects.requireNonNull(verdict);
        }

        public TxVerdict.Reason reason() {
            return verdict.reason();
        }
    }
}
