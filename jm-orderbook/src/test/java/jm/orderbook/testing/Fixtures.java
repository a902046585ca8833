package jm.orderbook.testing;

import java.math.BigDecimal;
import java.time.Instant;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.crypto.NickKey;
import jm.core.offer.OfferType;
import jm.core.testing.MutableClock;
import jm.orderbook.watch.MarketBook;
import jm.taker.bond.VerifiedBond;
import jm.taker.offer.MakerOffer;

/** Test data: nicks, offers, bonds, and an empty book whose clock the test holds. */
public final class Fixtures {
    private Fixtures() {
    }

    /** An empty regtest book (bond proofs checked) on a clock that stands at {@code at} until moved. */
    public static MarketBook regtestBook(Instant at) {
        return new MarketBook(Network.REGTEST, new MutableClock(at), true);
    }

    public static Nick nick() {
        return NickKey.random(new java.security.SecureRandom()).nick();
    }

    public static MakerOffer relative(Nick maker, long oid, long min, long max, long txfee, String fee) {
        return new MakerOffer(maker, OfferType.SW0RELOFFER, oid, Sats.of(min), Sats.of(max), Sats.of(txfee),
                new BigDecimal(fee), 0);
    }

    public static MakerOffer absolute(Nick maker, long oid, long min, long max, long txfee, long fee) {
        return new MakerOffer(maker, OfferType.SW0ABSOFFER, oid, Sats.of(min), Sats.of(max), Sats.of(txfee),
                BigDecimal.valueOf(fee), 0);
    }

    public static VerifiedBond bond(Nick maker, int txByte, long sats, double value) {
        String txid = String.format("%064x", txByte);
        byte[] pub = org.bitcoinj.crypto.ECKey.fromPrivate(java.math.BigInteger.valueOf(1_000L + txByte), true)
                .getPubKey();
        return new VerifiedBond(maker, OutPoint.of(txid, 0), Sats.of(sats), 1_830_297_600L, 52, pub, 6,
                1_767_225_600L, value);
    }
}
