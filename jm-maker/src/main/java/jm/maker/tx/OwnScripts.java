package jm.maker.tx;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The scriptPubKeys of our two outputs in one CoinJoin: the CoinJoin output's and the change's,
 * non-empty and different. Immutable: kept as lowercase hex, every read is a fresh copy.
 *
 * @param cjHex     scriptPubKey of our CoinJoin address, hex
 * @param changeHex scriptPubKey of our change address, hex
 */
public record OwnScripts(String cjHex, String changeHex) {
    private static final HexFormat HEX = HexFormat.of();

    public OwnScripts {
        cjHex = Objects.requireNonNull(cjHex, "cjScript").toLowerCase(java.util.Locale.ROOT);
        changeHex = Objects.requireNonNull(changeHex, "changeScript").toLowerCase(java.util.Locale.ROOT);
        HEX.parseHex(cjHex);
        HEX.parseHex(changeHex);
        if (cjHex.isEmpty() || changeHex.isEmpty()) {
            throw new IllegalArgumentException("empty script");
        }
        if (cjHex.equals(changeHex)) {
            throw new IllegalArgumentException("CoinJoin and change scripts must differ");
        }
    }

    public static OwnScripts of(byte[] cjScript, byte[] changeScript) {
        return new OwnScripts(HEX.formatHex(cjScript), HEX.formatHex(changeScript));
    }

    /** Our CoinJoin output's scriptPubKey. */
    public byte[] cj() {
        return HEX.parseHex(cjHex);
    }

    /** Our change output's scriptPubKey. */
    public byte[] change() {
        return HEX.parseHex(changeHex);
    }
}
