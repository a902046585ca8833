package jm.taker.session;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import jm.core.Sats;

/**
 * What the user asked for.
 *
 * @param amount         the CoinJoin amount; {@link Sats#ZERO} means sweep the whole mixdepth
 * @param mixdepth       the mixdepth to spend from
 * @param destination    an address, or empty for INTERNAL (a fresh internal address of the next
 *                       mixdepth)
 * @param counterparties how many makers; empty = random 8..10
 */
public record CoinJoinRequest(Sats amount, int mixdepth, Optional<String> destination, OptionalInt counterparties) {
    public CoinJoinRequest {
        Objects.requireNonNull(amount);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(counterparties);
        if (mixdepth < 0) {
            throw new IllegalArgumentException("mixdepth must be >= 0");
        }
        if (counterparties.isPresent() && (counterparties.getAsInt() < 1 || counterparties.getAsInt() > 50)) {
            throw new IllegalArgumentException("counterparties must be 1..50");
        }
    }

    public boolean sweep() {
        return amount.value() == 0;
    }
}
