package jm.taker.podle;

import java.io.IOException;

/**
 * The taker's record of PoDLE commitments it has revealed (PROTOCOL.md 7.5): a commitment is
 * never offered twice. Implementations persist {@link #markUsed} before returning.
 */
public interface UsedCommitmentStore {
    /** Whether this commitment (64 lowercase hex) was already used. */
    boolean isUsed(String commitmentHex);

    /** Records a commitment as used; durable when this returns. */
    void markUsed(String commitmentHex) throws IOException;
}
