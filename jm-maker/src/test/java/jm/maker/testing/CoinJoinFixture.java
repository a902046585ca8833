package jm.maker.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.maker.tx.CoinJoinTerms;
import jm.maker.tx.OwnCoins;
import jm.maker.tx.OwnScripts;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * A deterministic CoinJoin between one maker (us) and a taker: our two declared inputs, our
 * other coins (an undeclared P2WPKH coin and a P2WSH fidelity-bond coin), our scripts, and an
 * honest unsigned transaction that a taker would send.
 */
public final class CoinJoinFixture {
    public static final long AMOUNT = 1_000_000;
    public static final long CJ_FEE = 200;
    public static final long TX_FEE = 50;
    public static final long OUR_IN_1 = 3_000_000;
    public static final long OUR_IN_2 = 2_000_000;
    /** 5,000,000 - 1,000,000 - 50 + 200. */
    public static final long EXPECTED_CHANGE = OUR_IN_1 + OUR_IN_2 - AMOUNT - TX_FEE + CJ_FEE;
    public static final long TIP = 900_000;

    public final ECKey ourKey1 = key("our input key 1");
    public final ECKey ourKey2 = key("our input key 2");
    public final OutPoint ourInput1 = new OutPoint(hash("our funding tx 1"), 1);
    public final OutPoint ourInput2 = new OutPoint(hash("our funding tx 2"), 0);
    public final OutPoint ourUndeclared = new OutPoint(hash("our other coin"), 3);
    public final OutPoint ourBondCoin = new OutPoint(hash("our bond coin"), 0);
    public final OutPoint takerInput = new OutPoint(hash("taker coin"), 0);

    public final byte[] cjScript = p2wpkh("our cj address key");
    public final byte[] changeScript = p2wpkh("our change address key");
    public final byte[] otherOwnScript = p2wpkh("our other address key");
    public final byte[] bondScript = p2wsh("our bond witness script");
    public final byte[] takerCjScript = p2wpkh("taker cj key");
    public final byte[] takerChangeScript = p2wpkh("taker change key");

    public final OwnCoins wallet = OwnCoins.of(Set.of(ourInput1, ourInput2, ourUndeclared, ourBondCoin)::contains,
            spk -> Stream.of(cjScript, changeScript, otherOwnScript, bondScript).anyMatch(o -> Arrays.equals(spk, o)));

    public CoinJoinTerms terms() {
        Map<OutPoint, Sats> inputs = new LinkedHashMap<>();
        inputs.put(ourInput1, Sats.of(OUR_IN_1));
        inputs.put(ourInput2, Sats.of(OUR_IN_2));
        return new CoinJoinTerms(inputs, OwnScripts.of(cjScript, changeScript), Sats.of(AMOUNT), Sats.of(CJ_FEE),
                Sats.of(TX_FEE), TIP);
    }

    /** What an honest taker sends: reference layout, locktime = tip, sequences 0xFFFFFFFE. */
    public RawTx honestTx() {
        RawTx tx = new RawTx();
        tx.version = 2;
        tx.lockTime = TIP;
        tx.in(takerInput).in(ourInput1).in(ourInput2);
        tx.out(AMOUNT, takerCjScript);
        tx.out(EXPECTED_CHANGE, changeScript);
        tx.out(AMOUNT, cjScript);
        tx.out(2_000_000 - AMOUNT - CJ_FEE + TX_FEE - 500, takerChangeScript);
        return tx;
    }

    public static ECKey key(String label) {
        return ECKey.fromPrivate(Sha256Hash.hash(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    public static Sha256Hash hash(String label) {
        return Sha256Hash.of(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public static byte[] p2wpkh(String label) {
        return ScriptBuilder.createP2WPKHOutputScript(key(label)).program();
    }

    static byte[] p2wsh(String label) {
        byte[] h = Sha256Hash.hash(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] s = new byte[34];
        s[0] = 0x00;
        s[1] = 0x20;
        System.arraycopy(h, 0, s, 2, 32);
        return s;
    }
}
