package jm.demo.scenario;

import java.util.Objects;

/**
 * One maker's part in a CoinJoin.
 *
 * @param name          wallet name
 * @param nick          its nick in this run
 * @param cjFee         the CoinJoin fee the taker paid it (sats)
 * @param txFee         its contribution to the mining fee (sats, from its offer)
 * @param balanceChange its wallet balance after minus before (expected: cjFee - txFee)
 * @param direct        whether the taker reached it over a direct connection
 */
public record MakerShare(String name, String nick, long cjFee, long txFee, long balanceChange, boolean direct) {
    public MakerShare {
        Objects.requireNonNull(name);
        Objects.requireNonNull(nick);
    }

    /** What the maker earned net of its mining fee contribution. */
    public long expectedChange() {
        return cjFee - txFee;
    }
}
