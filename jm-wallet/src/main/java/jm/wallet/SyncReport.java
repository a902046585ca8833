package jm.wallet;

import java.util.List;
import jm.core.OutPoint;

/**
 * What a sync found.
 *
 * @param coins        unspent coins of the wallet now known
 * @param newCoins     coins not seen by any earlier sync
 * @param reuseFrozen  new coins frozen because they arrived on an already used address
 */
public record SyncReport(int coins, List<OutPoint> newCoins, List<OutPoint> reuseFrozen) {
    public SyncReport {
        newCoins = List.copyOf(newCoins);
        reuseFrozen = List.copyOf(reuseFrozen);
    }
}
