package jm.core.command;

import java.util.Objects;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.crypto.StrictHex;
import jm.core.podle.PodleCommitment;

/**
 * {@code !fill <oid> <amount> <taker_box_pk> <commitment>} (5.4): private, plaintext. Extra
 * trailing tokens are ignored on receipt.
 *
 * @param oid            the offer being filled
 * @param amount         the CoinJoin amount, at least 1 sat
 * @param takerBoxPubHex the taker's NaCl box public key, 64 lowercase hex chars
 * @param commitment     the PoDLE commitment, {@code "P" + hex} on the wire
 */
public record Fill(long oid, Sats amount, String takerBoxPubHex, PodleCommitment commitment) implements PlaintextCommand {
    public Fill {
        if (oid < 0) {
            throw new IllegalArgumentException("negative oid");
        }
        Objects.requireNonNull(amount, "amount");
        if (amount.value() < 1) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Objects.requireNonNull(commitment, "commitment");
        try {
            StrictHex.decode(takerBoxPubHex, 32, "fill.pubkey");
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static Fill parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 4, "fill", "oid amount pubkey commitment");
        long oid = Fields.decimal(t[0], "fill.oid", 0, Long.MAX_VALUE);
        long amount = Fields.decimal(t[1], "fill.amount", 1, Sats.MAX_MONEY);
        StrictHex.decode(t[2], 32, "fill.pubkey");
        PodleCommitment c = PodleCommitment.parseFillField(t[3]);
        return new Fill(oid, Sats.of(amount), t[2], c);
    }

    /** The box public key bytes. */
    public byte[] takerBoxPub() {
        return java.util.HexFormat.of().parseHex(takerBoxPubHex);
    }

    @Override
    public CommandName name() {
        return CommandName.FILL;
    }

    @Override
    public String args() {
        return oid + " " + amount.value() + " " + takerBoxPubHex + " " + commitment.toFillField();
    }
}
