package jm.core.command;

import java.util.Arrays;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictBase64;

/**
 * The decrypted {@code !tx} (5.8): base64 of the unsigned transaction (legacy serialisation,
 * or segwit with empty witnesses). Deserialising it is the maker's job.
 *
 * @param tx the serialised transaction
 */
public record TxPayload(byte[] tx) {
    public static final int MAX_TX_BYTES = 100_000;

    public TxPayload {
        if (tx == null || tx.length == 0 || tx.length > MAX_TX_BYTES) {
            throw new IllegalArgumentException("transaction must be 1.." + MAX_TX_BYTES + " bytes");
        }
        tx = tx.clone();
    }

    public static TxPayload parse(String plaintext) throws ProtocolException {
        byte[] b = Fields.base64(plaintext, "tx.payload", 4 * (MAX_TX_BYTES / 3 + 1));
        if (b.length == 0) {
            throw new ProtocolException(Reason.MISSING_FIELD, "tx.payload", "empty");
        }
        return new TxPayload(b);
    }

    @Override
    public byte[] tx() {
        return tx.clone();
    }

    public String toWire() {
        return StrictBase64.encode(tx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxPayload p && Arrays.equals(tx, p.tx);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tx);
    }

    @Override
    public String toString() {
        return "TxPayload[" + tx.length + " bytes]";
    }
}
