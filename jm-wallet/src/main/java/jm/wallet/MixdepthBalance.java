package jm.wallet;

import jm.core.Sats;

/**
 * Balance of one mixdepth as of the last sync.
 *
 * @param mixdepth    account
 * @param confirmed   spendable coins with at least one confirmation (locked ones included)
 * @param unconfirmed spendable coins still in the mempool
 * @param frozen      frozen coins (by the user or by reuse protection)
 * @param bond        fidelity-bond coins (mixdepth 0 only)
 */
public record MixdepthBalance(int mixdepth, Sats confirmed, Sats unconfirmed, Sats frozen, Sats bond) {
    public Sats total() {
        return confirmed.plus(unconfirmed).plus(frozen).plus(bond);
    }
}
