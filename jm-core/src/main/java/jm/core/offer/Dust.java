package jm.core.offer;

/** Dust thresholds of the protocol (PROTOCOL.md 13). */
public final class Dust {
    /**
     * Maker change minimum ({@code DUST_THRESHOLD}), also the minsize floor a reference taker
     * applies to received offers.
     */
    public static final long DUST_THRESHOLD = 27_300;
    /** Taker change below this is dropped ({@code BITCOIN_DUST_THRESHOLD}). */
    public static final long BITCOIN_DUST_THRESHOLD = 2_730;

    private Dust() {
    }
}
