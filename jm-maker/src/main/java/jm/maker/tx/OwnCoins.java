package jm.maker.tx;

import java.util.function.Predicate;
import jm.core.OutPoint;

/**
 * What the verifier may ask the wallet: whether a coin or a script is ours. Answers come from
 * local wallet records, never from the taker. Implementations must include fidelity-bond coins
 * and scripts, frozen coins and coins reserved by other sessions.
 */
public interface OwnCoins {

    /** Whether {@code outpoint} is (or was) an output of our wallet. */
    boolean isOwnCoin(OutPoint outpoint);

    /** Whether {@code scriptPubKey} is one of our wallet's scripts (any mixdepth, branch or bond). */
    boolean isOwnScript(byte[] scriptPubKey);

    /** A wallet that owns nothing beyond what the terms declare (tests, minimal setups). */
    OwnCoins NONE = of(outpoint -> false, scriptPubKey -> false);

    /** The answers of two tests: {@link #isOwnCoin} and {@link #isOwnScript}. */
    static OwnCoins of(Predicate<OutPoint> ownCoin, Predicate<byte[]> ownScript) {
        return new OwnCoins() {
            @Override
            public boolean isOwnCoin(OutPoint outpoint) {
                return ownCoin.test(outpoint);
            }

            @Override
            public boolean isOwnScript(byte[] scriptPubKey) {
                return ownScript.test(scriptPubKey);
            }
        };
    }
}
