package jm.taker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.chain.TxOutInfo;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.crypto.MessageSigning;
import jm.taker.offer.MakerOffer;
import jm.core.offer.OfferType;
import jm.taker.verify.IoAuthVerdict.Accepted;
import jm.taker.verify.IoAuthVerdict.Reason;
import jm.taker.verify.IoAuthVerdict.Rejected;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

class IoAuthVerifierTest {
    static final Nick MAKER = new Nick("J5AAAAAAAAAAAAAA");
    static final String BOX = "90462b69c969551cc49db8369bf82126bb35cc594af3f5e9fb3a8136a995d932";
    static final ECKey K1 = ECKey.fromPrivate(BigInteger.valueOf(1111), true);
    static final ECKey K2 = ECKey.fromPrivate(BigInteger.valueOf(2222), true);
    static final OutPoint U1 = OutPoint.of("aa".repeat(32), 0);
    static final OutPoint U2 = OutPoint.of("bb".repeat(32), 3);
    static final Sats AMOUNT = Sats.of(1_000_000);
    static final MakerOffer OFFER = new MakerOffer(MAKER, OfferType.SW0RELOFFER, 0, Sats.of(27_300),
            Sats.of(50_000_000), Sats.of(100), new BigDecimal("0.0002"), 0);

    final IoAuthVerifier verifier = new IoAuthVerifier(Network.REGTEST, 15);

    static String addr(ECKey k) {
        return SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash()).toString();
    }

    static Optional<TxOutInfo> out(ECKey k, long value, int conf) {
        return Optional.of(new TxOutInfo(Sats.of(value), ScriptBuilder.createP2WPKHOutputScript(k).program(), conf, false));
    }

    static IoAuthClaim claim(List<OutPoint> utxos, ECKey auth, String signedBox) {
        return new IoAuthClaim(utxos, auth.getPublicKeyAsHex(), addr(ECKey.fromPrivate(BigInteger.valueOf(3), true)),
                addr(ECKey.fromPrivate(BigInteger.valueOf(4), true)), MessageSigning.signBase64(auth, signedBox));
    }

    Map<OutPoint, Optional<TxOutInfo>> lookups() {
        Map<OutPoint, Optional<TxOutInfo>> m = new HashMap<>();
        m.put(U1, out(K1, 800_000, 10));
        m.put(U2, out(K2, 400_000, 1));
        return m;
    }

    IoAuthVerdict verify(IoAuthClaim c, Map<OutPoint, Optional<TxOutInfo>> lookups) {
        return verifier.verify(MAKER, BOX, c, OFFER, AMOUNT, lookups, Set.of(), Set.of());
    }

    @Test
    void acceptsAHonestMakerWithItsChangeComputedFromOurLookups() {
        IoAuthVerdict v = verify(claim(List.of(U1, U2), K2, BOX), lookups());
        assertThat(v).isInstanceOf(Accepted.class);
        Accepted a = (Accepted) v;
        // 1 200 000 - 1 000 000 - 100 + 200
        assertThat(a.change()).isEqualTo(Sats.of(200_100));
        assertThat(a.cjFee()).isEqualTo(Sats.of(200));
        assertThat(a.inputs()).extracting(CoinJoinInput::outpoint).containsExactly(U1, U2);
    }

    @Test
    void acceptsUppercaseBoxKeyByVerifyingItsLowercaseForm() {
        assertThat(verifier.verify(MAKER, BOX.toUpperCase(), claim(List.of(U1, U2), K1, BOX), OFFER, AMOUNT, lookups(),
                Set.of(), Set.of())).isInstanceOf(Accepted.class);
    }

    @Test
    void rejectsASignatureOverAnotherBoxKey() {
        assertThat(verify(claim(List.of(U1), K1, BOX.replace('9', '8')), lookups()))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.BAD_AUTH_SIGNATURE));
    }

    @Test
    void rejectsAnAuthKeyThatControlsNoneOfTheInputs() {
        ECKey other = ECKey.fromPrivate(BigInteger.valueOf(999), true);
        assertThat(verify(claim(List.of(U1), other, BOX), lookups()))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.AUTH_KEY_NOT_AN_INPUT));
    }

    @Test
    void rejectsASpentOrUnknownUtxo() {
        Map<OutPoint, Optional<TxOutInfo>> l = lookups();
        l.put(U2, Optional.empty());
        assertThat(verify(claim(List.of(U1, U2), K1, BOX), l))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UTXO_MISSING_OR_SPENT));
    }

    @Test
    void rejectsAnUnconfirmedUtxo() {
        Map<OutPoint, Optional<TxOutInfo>> l = lookups();
        l.put(U2, out(K2, 400_000, 0));
        assertThat(verify(claim(List.of(U1, U2), K1, BOX), l))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UTXO_UNCONFIRMED));
    }

    @Test
    void rejectsAUtxoAlreadyInTheCoinJoin() {
        IoAuthVerdict v = verifier.verify(MAKER, BOX, claim(List.of(U1), K1, BOX), OFFER, AMOUNT, lookups(),
                Set.of(U1), Set.of());
        assertThat(v).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.UTXO_ALREADY_USED));
    }

    @Test
    void rejectsADuplicatedUtxoWithinTheList() {
        assertThat(verify(claim(List.of(U1, U1), K1, BOX), lookups()))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.DUPLICATE_UTXO));
    }

    @Test
    void rejectsMoreThanMaxMakerUtxos() {
        IoAuthVerifier strict = new IoAuthVerifier(Network.REGTEST, 1);
        assertThat(strict.verify(MAKER, BOX, claim(List.of(U1, U2), K1, BOX), OFFER, AMOUNT, lookups(), Set.of(),
                Set.of())).isInstanceOfSatisfying(Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Reason.TOO_MANY_UTXOS));
    }

    @Test
    void rejectsChangeBelowTheMakerDustThreshold() {
        Map<OutPoint, Optional<TxOutInfo>> l = new HashMap<>();
        // change = 1 027 199 - 1 000 000 - 100 + 200 = 27 299
        l.put(U1, out(K1, 1_027_199, 10));
        assertThat(verify(claim(List.of(U1), K1, BOX), l))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.CHANGE_BELOW_DUST));
        l.put(U1, out(K1, 1_027_200, 10));
        assertThat(verify(claim(List.of(U1), K1, BOX), l)).isInstanceOf(Accepted.class);
    }

    @Test
    void rejectsAnAddressOfAnotherNetwork() {
        IoAuthClaim c = claim(List.of(U1), K1, BOX);
        IoAuthClaim mainnet = new IoAuthClaim(c.utxos(), c.authPubHex(),
                SegwitAddress.fromHash(BitcoinNetwork.MAINNET, K1.getPubKeyHash()).toString(), c.changeAddress(), c.btcSigBase64());
        assertThat(verify(mainnet, lookups()))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.BAD_ADDRESS));
    }

    @Test
    void rejectsGarbageWithoutThrowing() {
        IoAuthClaim junk = new IoAuthClaim(List.of(U1), "zz", "x", "y", "%%%");
        assertThat(verify(junk, lookups())).isInstanceOf(Rejected.class);
        IoAuthClaim badSig = new IoAuthClaim(List.of(U1), K1.getPublicKeyAsHex(), "x", "y", "AAAA");
        assertThat(verify(badSig, lookups())).isInstanceOf(Rejected.class);
    }
}
