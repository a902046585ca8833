package jm.wallet;

import jm.core.Network;
import jm.wallet.keys.KeyPath;
import jm.wallet.keys.WalletType;

/**
 * How a wallet derives and watches its addresses.
 *
 * @param network   chain (address encoding and coin type)
 * @param type      address type (P2WPKH default)
 * @param mixdepths number of mixdepths, 1..10 (default 5)
 * @param gapLimit  unused addresses watched beyond the last used one per branch, 1..1000 (default 20)
 */
public record WalletConfig(Network network, WalletType type, int mixdepths, int gapLimit) {
    public static final int DEFAULT_MIXDEPTHS = 5;
    public static final int DEFAULT_GAP_LIMIT = 20;

    public WalletConfig {
        if (network == null || type == null) {
            throw new IllegalArgumentException("network and type are required");
        }
        if (mixdepths < 1 || mixdepths > KeyPath.MAX_MIXDEPTHS) {
            throw new IllegalArgumentException("mixdepths must be 1.." + KeyPath.MAX_MIXDEPTHS + ": " + mixdepths);
        }
        if (gapLimit < 1 || gapLimit > 1000) {
            throw new IllegalArgumentException("gap limit must be 1..1000: " + gapLimit);
        }
    }

    public static WalletConfig defaults(Network network) {
        return new WalletConfig(network, WalletType.P2WPKH, DEFAULT_MIXDEPTHS, DEFAULT_GAP_LIMIT);
    }

    public WalletConfig withGapLimit(int gap) {
        return new WalletConfig(network, type, mixdepths, gap);
    }

    public WalletConfig withMixdepths(int n) {
        return new WalletConfig(network, type, n, gapLimit);
    }
}
