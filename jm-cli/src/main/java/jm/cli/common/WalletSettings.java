package jm.cli.common;

import jm.wallet.WalletConfig;

/**
 * {@code [wallet]}: {@code mixdepth_count} (new wallets) and {@code gap_limit}.
 */
public record WalletSettings(int mixdepthCount, int gapLimit) {
    public static final String SECTION = "wallet";
    public static final int DEFAULT_MIXDEPTHS = WalletConfig.DEFAULT_MIXDEPTHS;
    public static final int DEFAULT_GAP_LIMIT = WalletConfig.DEFAULT_GAP_LIMIT;

    public WalletSettings {
        if (mixdepthCount < 1 || mixdepthCount > 10 || gapLimit < 1 || gapLimit > 1000) {
            throw new IllegalArgumentException("wallet settings out of range");
        }
    }

    /** Reads the section; flags (null = not given) win. */
    public static WalletSettings read(JmConfig c, Integer mixdepthFlag, Integer gapLimitFlag) {
        return new WalletSettings(
                c.intValue(SECTION, "mixdepth_count", mixdepthFlag, DEFAULT_MIXDEPTHS, 1, 10),
                c.intValue(SECTION, "gap_limit", gapLimitFlag, DEFAULT_GAP_LIMIT, 1, 1000));
    }
}
