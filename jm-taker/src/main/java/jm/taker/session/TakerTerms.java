package jm.taker.session;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.crypto.BoxKeyPair;

/**
 * What the orderbook phase settled for the rest of the CoinJoin: the equal amount, how many makers
 * are wanted, the fee rate, our coins (chosen by the wallet), our addresses and our encryption key.
 *
 * @param changeScript empty for a sweep
 */
record TakerTerms(Sats amount, int wanted, long rateSatPerKvb, List<OwnCoin> ourCoins, byte[] destinationScript,
        Optional<byte[]> changeScript, BoxKeyPair box) {
    TakerTerms {
        Objects.requireNonNull(amount);
        ourCoins = List.copyOf(ourCoins);
        destinationScript = destinationScript.clone();
        changeScript = changeScript.map(byte[]::clone);
        Objects.requireNonNull(box);
    }

    List<OutPoint> outpoints() {
        return ourCoins.stream().map(OwnCoin::outpoint).toList();
    }

    @Override
    public byte[] destinationScript() {
        return destinationScript.clone();
    }

    @Override
    public Optional<byte[]> changeScript() {
        return changeScript.map(byte[]::clone);
    }

    /** Our output scripts, hex: no maker may use them. */
    List<String> ourScriptsHex() {
        HexFormat hex = HexFormat.of();
        return changeScript.isEmpty() ? List.of(hex.formatHex(destinationScript))
                : List.of(hex.formatHex(destinationScript), hex.formatHex(changeScript.get()));
    }

    @Override
    public String toString() {
        return "TakerTerms[" + amount + ", wanted " + wanted + ", " + rateSatPerKvb + " sat/kvB, " + ourCoins.size()
                + " coins]";
    }
}
