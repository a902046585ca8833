package jm.wallet.keys;

import java.util.Locale;
import java.util.Optional;

/** Address type of a wallet, which fixes the BIP44-style purpose of its paths. */
public enum WalletType {
    /** Native segwit, BIP84 paths; offer type {@code sw0*}. The default. */
    P2WPKH(84, "p2wpkh"),
    /** Nested segwit, BIP49 paths; legacy offer type {@code sw*}. */
    P2SH_P2WPKH(49, "p2sh-p2wpkh");

    private final int purpose;
    private final String label;

    WalletType(int purpose, String label) {
        this.purpose = purpose;
        this.label = label;
    }

    public int purpose() {
        return purpose;
    }

    public String label() {
        return label;
    }

    public static Optional<WalletType> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (WalletType w : values()) {
            if (w.label.equals(t)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
