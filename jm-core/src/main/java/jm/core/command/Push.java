package jm.core.command;

import jm.core.ByteValue;
import jm.core.ProtocolException;
import jm.core.crypto.StrictBase64;

/** {@code !push <base64 signed tx>} (5.10): the taker asks a maker to broadcast. Plaintext. */
public final class Push extends ByteValue implements PlaintextCommand {
    public static final int MAX_TX_BYTES = TxPayload.MAX_TX_BYTES;

    /** @param tx the fully signed transaction (segwit serialisation) */
    public Push(byte[] tx) {
        super(TxPayload.checkSize(tx));
    }

    public static Push parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 1, "push", "base64 transaction");
        return new Push(TxPayload.decode(t[0], "push.tx"));
    }

    /** A copy of the signed transaction. */
    public byte[] tx() {
        return bytes();
    }

    @Override
    public CommandName name() {
        return CommandName.PUSH;
    }

    @Override
    public String args() {
        return StrictBase64.encode(view());
    }
}
