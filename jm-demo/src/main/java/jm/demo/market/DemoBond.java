package jm.demo.market;

import java.util.Objects;
import jm.core.OutPoint;

/**
 * Maker 1's fidelity bond as the demo funded it.
 *
 * @param maker            the wallet holding it
 * @param outpoint         the bond UTXO
 * @param sats             its amount
 * @param locktime         its locktime (a first of the month, Unix seconds)
 * @param createdAt        the node's clock (mock time) when the demo funded it
 * @param confirmationTime the header time of its confirming block
 * @param value            its value as takers compute it at start-up (the weight they pick it by)
 */
public record DemoBond(String maker, OutPoint outpoint, long sats, long locktime, long createdAt,
        long confirmationTime, double value) {
    public DemoBond {
        Objects.requireNonNull(maker);
        Objects.requireNonNull(outpoint);
    }
}
