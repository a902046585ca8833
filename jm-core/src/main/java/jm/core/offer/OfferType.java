package jm.core.offer;

import java.util.Optional;

/**
 * Offer order types (PROTOCOL.md 6.1). {@code sw0*} is the live native-segwit pit;
 * {@code sw*} (P2SH-P2WPKH) and the bare names (P2PKH) are legacy wallet types.
 */
public enum OfferType {
    SW0RELOFFER("sw0reloffer", true),
    SW0ABSOFFER("sw0absoffer", false),
    SWRELOFFER("swreloffer", true),
    SWABSOFFER("swabsoffer", false),
    RELOFFER("reloffer", true),
    ABSOFFER("absoffer", false);

    private final String wireName;
    private final boolean relative;

    OfferType(String wireName, boolean relative) {
        this.wireName = wireName;
        this.relative = relative;
    }

    public String wireName() {
        return wireName;
    }

    /** Relative fee (a decimal fraction of the amount) rather than absolute satoshis. */
    public boolean isRelative() {
        return relative;
    }

    /** Exact, case-sensitive lookup of a wire name. */
    public static Optional<OfferType> fromWireName(String name) {
        for (OfferType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
