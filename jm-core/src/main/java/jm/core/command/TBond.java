package jm.core.command;

import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictBase64;

/**
 * {@code !tbond <proof>} (5.3, 10.2): a fidelity-bond proof for one taker, only inside a private
 * offer message, after the offers. The 252-byte blob is interpreted by {@code jm.core.bond}.
 *
 * @param proofBase64 336 base64 chars of the 252-byte proof
 */
public record TBond(String proofBase64) implements PlaintextCommand {
    public static final int PROOF_BYTES = 252;

    public TBond {
        try {
            check(proofBase64);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void check(String s) throws ProtocolException {
        byte[] b = Fields.base64(s, "tbond.proof", 400);
        if (b.length != PROOF_BYTES) {
            throw new ProtocolException(Reason.MALFORMED, "tbond.proof", "expected " + PROOF_BYTES + " bytes, got " + b.length);
        }
    }

    public static TBond parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 1, "tbond", "proof");
        check(t[0]);
        return new TBond(t[0]);
    }

    public static TBond of(byte[] proof) {
        return new TBond(StrictBase64.encode(proof));
    }

    /** The 252 proof bytes. */
    public byte[] proof() {
        return java.util.Base64.getDecoder().decode(proofBase64);
    }

    @Override
    public CommandName name() {
        return CommandName.TBOND;
    }

    @Override
    public String args() {
        return proofBase64;
    }
}
