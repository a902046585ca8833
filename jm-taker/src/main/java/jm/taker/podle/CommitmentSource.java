package jm.taker.podle;

import jm.core.OutPoint;

/**
 * Computes PoDLE commitments for our own UTXOs (SHA-256 of x·J(index), PROTOCOL.md 7.3).
 * Implemented over the wallet's keys and jm-core's PoDLE; the chooser needs only this.
 */
@FunctionalInterface
public interface CommitmentSource {
    /** 64 lowercase hex chars of the commitment for {@code utxo} at NUMS index {@code index}. */
    String commitmentHex(OutPoint utxo, int index);
}
