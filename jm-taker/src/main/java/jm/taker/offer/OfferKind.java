package jm.taker.offer;

import java.util.Optional;

/** Offer type names (PROTOCOL.md 6.1); only {@code sw0*} fit a native-segwit taker. */
public enum OfferKind {
    SW0RELOFFER("sw0reloffer", true, true),
    SW0ABSOFFER("sw0absoffer", false, true),
    SWRELOFFER("swreloffer", true, false),
    SWABSOFFER("swabsoffer", false, false),
    RELOFFER("reloffer", true, false),
    ABSOFFER("absoffer", false, false);

    private final String wireName;
    private final boolean relative;
    private final boolean nativeSegwit;

    OfferKind(String wireName, boolean relative, boolean nativeSegwit) {
        this.wireName = wireName;
        this.relative = relative;
        this.nativeSegwit = nativeSegwit;
    }

    public String wireName() {
        return wireName;
    }

    public boolean relative() {
        return relative;
    }

    /** Whether a P2WPKH (native segwit) taker may fill it. */
    public boolean nativeSegwit() {
        return nativeSegwit;
    }

    public static Optional<OfferKind> fromWireName(String name) {
        for (OfferKind k : values()) {
            if (k.wireName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
