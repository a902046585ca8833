package jm.taker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.crypto.NickKey;
import jm.core.offer.OfferType;
import jm.taker.offer.MakerOffer;
import jm.taker.verify.CoinJoinInput;
import jm.taker.verify.IoAuthVerdict;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Test;

/** The makers' bookkeeping across fill rounds and attempts. */
class MakerRosterTest {
    static Nick nick(int i) {
        byte[] key = new byte[32];
        key[0] = 3;
        key[30] = (byte) (i >> 8);
        key[31] = (byte) (i + 1);
        return NickKey.fromPrivateKey(key).nick();
    }

    /** An absolute-fee offer of maker {@code i} contributing {@code txFee} to the mining fee. */
    static MakerOffer abs(int i, long fee, long txFee) {
        return new MakerOffer(nick(i), OfferType.SW0ABSOFFER, 0, Sats.of(27_300), Sats.of(50_000_000),
                Sats.of(txFee), BigDecimal.valueOf(fee), 0);
    }

    final List<String> notes = new ArrayList<>();
    final MakerRoster roster = new MakerRoster(Set.of(nick(9)), notes::add);

    static IoAuthVerdict.Accepted accepted(int i) {
        OutPoint coin = new OutPoint(Sha256Hash.of(new byte[] {(byte) i}), 0);
        return new IoAuthVerdict.Accepted(nick(i), List.of(new CoinJoinInput(coin, Sats.of(2_000_000), new byte[22])),
                new byte[] {(byte) i, 1}, new byte[] {(byte) i, 2}, Sats.of(900_000), Sats.of(200));
    }

    @Test
    void aNewRoundKeepsTheAcceptedMakersAndForgetsTheOthersAsked() {
        roster.startRound(List.of(abs(1, 100, 50), abs(2, 100, 70)));
        roster.accept(nick(1), accepted(1));
        roster.startRound(List.of(abs(3, 100, 30)));
        assertThat(roster.asked(nick(2))).isNull();
        assertThat(roster.asked(nick(1)).step).isEqualTo(MakerRoster.Step.ACCEPTED);
        assertThat(roster.pending()).containsOnlyKeys(nick(3)).containsValue(MakerRoster.Step.FILLED);
        assertThat(roster.offerTxFee(nick(1))).isEqualTo(50);
        assertThat(roster.offerTxFee(nick(2))).isZero();
        assertThat(roster.accepted()).extracting(IoAuthVerdict.Accepted::maker).containsExactly(nick(1));
    }

    @Test
    void aDroppedMakerIsGoneForTheRestOfTheCoinJoinWithItsReason() {
        roster.startRound(List.of(abs(1, 100, 0), abs(2, 100, 0)));
        roster.accept(nick(1), accepted(1));
        roster.drop(nick(1), "did not sign in time");
        roster.endAttempt();
        assertThat(roster.dropped()).containsEntry(nick(1), "did not sign in time");
        assertThat(roster.ignored()).contains(nick(1)).doesNotContain(nick(2));
        assertThat(roster.acceptedCount()).isZero();
        assertThat(roster.asked(nick(2))).isNull();
        assertThat(notes).containsExactly("dropped " + nick(1) + ": did not sign in time");
    }

    @Test
    void replacementsExcludeTheIgnoredTheAcceptedAndOurOwnMakers() {
        assertThat(roster.addOwn(List.of(nick(8)))).isTrue();
        assertThat(roster.addOwn(List.of(nick(8)))).isFalse();
        roster.startRound(List.of(abs(1, 100, 0), abs(2, 100, 0)));
        roster.accept(nick(1), accepted(1));
        roster.drop(nick(2), "maker error: busy");
        assertThat(roster.excludedFromReplacement()).containsExactlyInAnyOrder(nick(1), nick(2), nick(8), nick(9));
        assertThat(roster.own()).containsExactlyInAnyOrder(nick(8), nick(9));
    }

    @Test
    void theCoinJoinsInputsAndScriptsIncludeOursAndTheAcceptedMakers() {
        roster.startRound(List.of(abs(1, 100, 0)));
        roster.accept(nick(1), accepted(1));
        OutPoint ours = new OutPoint(Sha256Hash.of(new byte[] {42}), 1);
        assertThat(roster.usedOutpoints(List.of(ours))).hasSize(2).contains(ours);
        assertThat(roster.usedScripts(List.of("00"))).containsExactlyInAnyOrder("00", "0101", "0102");
    }

    @Test
    void theReportNamesAtMostTheCapOfDroppedMakers() {
        for (int i = 0; i < MakerRoster.MAX_DROPPED_REPORTED + 5; i++) {
            roster.drop(nick(100 + i), "no !pubkey in time");
        }
        assertThat(roster.dropped()).hasSize(MakerRoster.MAX_DROPPED_REPORTED);
        assertThat(roster.ignored()).hasSize(MakerRoster.MAX_DROPPED_REPORTED + 5 + 1);
    }
}
