package jm.core.command;

import java.util.Arrays;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictBase64;

/**
 * {@code !push <base64 signed tx>} (5.10): the taker asks a maker to broadcast. Plaintext.
 *
 * @param tx the fully signed transaction (segwit serialisation)
 */
public record Push(byte[] tx) implements PlaintextCommand {
    public static final int MAX_TX_BYTES = 100_000;

    public Push {
        if (tx == null || tx.length == 0 || tx.length > MAX_TX_BYTES) {
            throw new IllegalArgumentException("transaction must be 1.." + MAX_TX_BYTES + " bytes");
        }
        tx = tx.clone();
    }

    public static Push parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 1, "push", "base64 transaction");
        byte[] tx = Fields.base64(t[0], "push.tx", 4 * (MAX_TX_BYTES / 3 + 1));
        if (tx.length == 0) {
            throw new ProtocolException(Reason.MISSING_FIELD, "push.tx", "empty");
        }
        return new Push(tx);
    }

    @Override
    public byte[] tx() {
        return tx.clone();
    }

    @Override
    public CommandName name() {
        return CommandName.PUSH;
    }

    @Override
    public String args() {
        return StrictBase64.encode(tx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Push p && Arrays.equals(tx, p.tx);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tx);
    }

    @Override
    public String toString() {
        return "Push[" + tx.length + " bytes]";
    }
}
