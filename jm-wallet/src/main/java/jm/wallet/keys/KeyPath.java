package jm.wallet.keys;

/**
 * A wallet key position {@code m/purpose'/coin'/mixdepth'/branch/index}.
 *
 * @param purpose  84 (P2WPKH) or 49 (P2SH-P2WPKH)
 * @param coinType 0 on mainnet, 1 otherwise
 * @param mixdepth account, 0..9
 * @param branch   external, internal or bond
 * @param index    child index (the timenumber on the bond branch)
 */
public record KeyPath(int purpose, int coinType, int mixdepth, Branch branch, int index) {
    public static final int MAX_MIXDEPTHS = 10;

    public KeyPath {
        if (purpose != 84 && purpose != 49) {
            throw new IllegalArgumentException("purpose must be 84 or 49: " + purpose);
        }
        if (coinType != 0 && coinType != 1) {
            throw new IllegalArgumentException("coin type must be 0 or 1: " + coinType);
        }
        if (mixdepth < 0 || mixdepth >= MAX_MIXDEPTHS) {
            throw new IllegalArgumentException("mixdepth out of range: " + mixdepth);
        }
        if (branch == null) {
            throw new IllegalArgumentException("branch is null");
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative index: " + index);
        }
    }

    /** {@code m/84'/1'/0'/0/5}. */
    @Override
    public String toString() {
        return "m/" + purpose + "'/" + coinType + "'/" + mixdepth + "'/" + branch.index() + "/" + index;
    }
}
