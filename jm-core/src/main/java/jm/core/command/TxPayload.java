package jm.core.command;

import jm.core.ByteValue;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictBase64;

/**
 * The decrypted {@code !tx} (5.8): base64 of the unsigned transaction (legacy serialisation,
 * or segwit with empty witnesses). Deserialising it is the maker's job.
 */
public final class TxPayload extends ByteValue {
    public static final int MAX_TX_BYTES = 100_000;

    /** @param tx the serialised transaction, 1..{@link #MAX_TX_BYTES} bytes */
    public TxPayload(byte[] tx) {
        super(checkSize(tx));
    }

    static byte[] checkSize(byte[] tx) {
        if (tx == null || tx.length == 0 || tx.length > MAX_TX_BYTES) {
            throw new IllegalArgumentException("transaction must be 1.." + MAX_TX_BYTES + " bytes");
        }
        return tx;
    }

    public static TxPayload parse(String plaintext) throws ProtocolException {
        return new TxPayload(decode(plaintext, "tx.payload"));
    }

    /** Strict base64 of a non-empty transaction of at most {@link #MAX_TX_BYTES}. */
    static byte[] decode(String base64, String field) throws ProtocolException {
        byte[] b = Fields.base64(base64, field, 4 * (MAX_TX_BYTES / 3 + 1));
        if (b.length == 0) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "empty");
        }
        return b;
    }

    /** A copy of the serialised transaction. */
    public byte[] tx() {
        return bytes();
    }

    public String toWire() {
        return StrictBase64.encode(view());
    }
}
