package jm.orderbook.watch;

import static jm.orderbook.testing.Fixtures.regtestBook;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.TxOutInfo;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.bond.BondProof;
import jm.core.bond.FidelityBondScripts;
import jm.core.crypto.NickKey;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.channel.ChannelId;
import jm.taker.bond.BondVerifier;
import jm.taker.offer.MakerOffer;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

/** The watcher fed real wire messages: offers, cancels, bond proofs, garbage. */
class OrderbookWatcherTest {
    static final long LOCKTIME = 1_830_297_600L; // 2028-01-01
    static final ChannelId D1 = new ChannelId.Directory("dir1:5222");
    static final ChannelId D2 = new ChannelId.Directory("dir2:5222");
    final SecureRandom random = new SecureRandom();
    final NickKey us = NickKey.random(random);
    final NickKey maker = NickKey.random(random);
    final ECKey bondKey = ECKey.fromPrivate(BigInteger.valueOf(987_654_321L), true);
    final OutPoint bondUtxo = OutPoint.of("ab".repeat(32), 1);
    final MarketBook book = regtestBook(Instant.parse("2026-12-01T00:00:00Z"));
    final OrderbookWatcher watcher = new OrderbookWatcher(book, Optional.of(new BondVerifier(chainWithBond())),
            () -> null, us::nick);

    /** A chain at height 300 on which {@link #bondUtxo} is a 6-confirmation bond output. */
    ChainBackend chainWithBond() {
        byte[] spk = FidelityBondScripts.bondScriptPubKey(LOCKTIME, bondKey.getPubKey());
        return (ChainBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ChainBackend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "tipHeight" -> 300L;
                    case "tipMedianTime" -> 1_780_000_000L;
                    // blocks 600 s apart, the tip's median time past being the block 5 below it
                    case "blockTime" -> 1_780_000_000L - (295L - (long) args[0]) * 600;
                    case "confirmationTime" -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    case "network" -> Network.REGTEST;
                    case "getTxOut" -> args[0].equals(bondUtxo)
                            ? Optional.of(new TxOutInfo(Sats.of(5_000_000), spk, 6, false)) : Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    VerifiedPrivMsg privmsg(String command, String data) throws Exception {
        return RawPrivMsg.signed(maker, us.nick(), command, data).verify();
    }

    String proofFor(Nick taker) {
        ECKey cert = ECKey.fromPrivate(BigInteger.valueOf(424_242L), true);
        return BondProof.build(bondKey, cert, BondProof.certExpiryFor(300), taker, maker.nick(), bondUtxo, LOCKTIME)
                .toBase64();
    }

    MarketSnapshot snap() {
        return book.snapshot(List.of("dir1:5222", "dir2:5222"), d -> true, n -> List.of());
    }

    @Test
    void publicOffersAreBookedAndACancelWithdrawsThem() {
        watcher.onPublic(D1, new PubMsg(maker.nick(), "sw0reloffer 0 750000 3973394 100 0.0002"
                + "!sw0absoffer 1 750000 9000000 0 300"));
        assertThat(snap().offers()).extracting(MakerOffer::oid).containsExactly(0L, 1L);
        watcher.onPublic(D2, new PubMsg(maker.nick(), "cancel 0"));
        assertThat(snap().offers()).extracting(MakerOffer::oid).containsExactly(1L);
        assertThat(snap().directoriesOf(maker.nick())).containsExactly("dir1:5222");
    }

    @Test
    void privateAnswersWithAValidBondProofBookTheBond() throws Exception {
        watcher.onPrivate(D2, privmsg("sw0reloffer", "0 750000 3973394 100 0.0002!tbond " + proofFor(us.nick())));
        MarketSnapshot s = snap();
        assertThat(s.offers()).singleElement().satisfies(o -> assertThat(o.bondValue()).isPositive());
        assertThat(s.bonds()).singleElement().satisfies(b -> {
            assertThat(b.maker()).isEqualTo(maker.nick());
            assertThat(b.utxo()).isEqualTo(bondUtxo);
            assertThat(b.amount().value()).isEqualTo(5_000_000);
        });
        assertThat(s.directoriesOf(maker.nick())).containsExactly("dir2:5222");
    }

    @Test
    void aProofForAnotherTakerIsNotBookedAndDropsABondBookedBefore() throws Exception {
        watcher.onPrivate(D1, privmsg("sw0reloffer", "0 750000 3973394 100 0.0002!tbond " + proofFor(us.nick())));
        assertThat(snap().bonds()).hasSize(1);
        watcher.dropSilent(java.time.Duration.ofDays(1)); // a refresh round: verdicts are checked again
        Nick someoneElse = NickKey.random(random).nick();
        watcher.onPrivate(D1, privmsg("sw0reloffer", "0 750000 3973394 100 0.0002!tbond " + proofFor(someoneElse)));
        assertThat(snap().bonds()).isEmpty();
        assertThat(snap().offers()).extracting(MakerOffer::bondValue).containsExactly(0.0);
    }

    @Test
    void anInvalidReannouncementWithdrawsAndGarbageIsDroppedQuietly() {
        watcher.onPublic(D1, new PubMsg(maker.nick(), "sw0reloffer 0 750000 3973394 100 0.0002"));
        watcher.onPublic(D1, new PubMsg(maker.nick(), "sw0reloffer 0 750000 3973394 100 1.5")); // fee >= 1
        assertThat(snap().offers()).isEmpty();
        watcher.onPublic(D1, new PubMsg(maker.nick(), "sw0reloffer 0 x y z"));
        watcher.onPublic(D1, new PubMsg(maker.nick(), "!!!!"));
        watcher.onPublic(D1, new PubMsg(maker.nick(), "orderbook!orderbook"));
        assertThat(snap().offers()).isEmpty();
    }

    @Test
    void aDepartedMakerIsDropped() {
        watcher.onPublic(D1, new PubMsg(maker.nick(), "sw0reloffer 0 750000 3973394 100 0.0002"));
        watcher.onPeerDeparted(maker.nick());
        assertThat(snap().offers()).isEmpty();
    }
}
