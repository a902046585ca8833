package jm.taker.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.crypto.NickKey;
import jm.taker.offer.MakerOffer;
import jm.core.offer.OfferType;
import org.junit.jupiter.api.Test;

class MakerSelectorTest {
    static final Sats AMOUNT = Sats.of(1_000_000);

    static Nick nick(int i) {
        byte[] k = new byte[32];
        k[31] = (byte) (i + 1);
        k[0] = 7;
        return NickKey.fromPrivateKey(k).nick();
    }

    static MakerOffer rel(int i, String fee, double bond) {
        return new MakerOffer(nick(i), OfferType.SW0RELOFFER, 0, Sats.of(27_300), Sats.of(50_000_000), Sats.ZERO,
                new BigDecimal(fee), bond);
    }

    static MakerOffer abs(int i, long fee, long txFee) {
        return new MakerOffer(nick(i), OfferType.SW0ABSOFFER, 0, Sats.of(27_300), Sats.of(50_000_000),
                Sats.of(txFee), BigDecimal.valueOf(fee), 0);
    }

    @Test
    void excludesIgnoredNicksWrongWalletTypeAndAmountsOutsideStrictBounds() {
        MakerOffer legacy = new MakerOffer(nick(1), OfferType.SWRELOFFER, 0, Sats.of(27_300), Sats.of(50_000_000),
                Sats.ZERO, new BigDecimal("0.0001"), 0);
        MakerOffer atMax = new MakerOffer(nick(2), OfferType.SW0RELOFFER, 0, Sats.of(27_300), AMOUNT, Sats.ZERO,
                new BigDecimal("0.0001"), 0);
        MakerOffer ignored = rel(3, "0.0001", 0);
        MakerOffer good = rel(4, "0.0001", 0);
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT);
        assertThat(s.eligible(List.of(legacy, atMax, ignored, good), AMOUNT, Set.of(nick(3))))
                .containsExactly(good);
    }

    @Test
    void explainsWhyOffersAreNotEligible() {
        MakerOffer small = new MakerOffer(nick(1), OfferType.SW0RELOFFER, 0, Sats.of(27_300), Sats.of(500_000),
                Sats.ZERO, new BigDecimal("0.0001"), 0);
        MakerOffer dear = rel(2, "0.01", 0);
        MakerOffer ok = rel(3, "0.0001", 0);
        MakerOffer ignored = rel(4, "0.0001", 0);
        var why = new MakerSelector(SelectionPolicy.DEFAULT).explainIneligible(List.of(small, dear, ok, ignored),
                AMOUNT, Set.of(nick(4)));
        assertThat(why).containsOnlyKeys("amount outside their size range", "fee above max_cj_fee_abs/max_cj_fee_rel",
                "failed earlier");
    }

    @Test
    void rejectsOfferWhoseTxFeeExceedsAmount() {
        MakerOffer greedy = new MakerOffer(nick(1), OfferType.SW0ABSOFFER, 0, Sats.of(27_300), Sats.of(50_000_000),
                Sats.of(2_000_000), BigDecimal.valueOf(2_000_000), 0);
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT.withFeeLimits(
                new FeeLimits(Sats.of(10_000_000), new BigDecimal("0.5"), FeeLimits.Rule.PER_OFFER_TYPE)));
        assertThat(s.eligible(List.of(greedy), AMOUNT, Set.of())).isEmpty();
    }

    @Test
    void perOfferTypeLimitsCheckAbsoluteAndRelativeFeesSeparately() {
        FeeLimits ng = new FeeLimits(Sats.of(500), new BigDecimal("0.001"), FeeLimits.Rule.PER_OFFER_TYPE);
        assertThat(ng.allows(abs(1, 500, 0), AMOUNT)).isTrue();
        assertThat(ng.allows(abs(1, 501, 0), AMOUNT)).isFalse();
        assertThat(ng.allows(rel(1, "0.001", 0), AMOUNT)).isTrue();
        assertThat(ng.allows(rel(1, "0.0011", 0), AMOUNT)).isFalse();
    }

    @Test
    void referenceRuleRejectsOnlyWhenNetFeeExceedsBothLimits() {
        FeeLimits ref = new FeeLimits(Sats.of(4_000), new BigDecimal("0.004"), FeeLimits.Rule.BOTH_EXCEEDED);
        // 0.004 x 1M = 4000: abs limit 4000 too
        assertThat(ref.allows(abs(1, 4_000, 0), AMOUNT)).isTrue();
        assertThat(ref.allows(abs(1, 4_001, 0), AMOUNT)).isFalse();
        // txfee is subtracted: net = 4100 - 200 = 3900
        assertThat(ref.allows(abs(1, 4_100, 200), AMOUNT)).isTrue();
        FeeLimits relLoose = new FeeLimits(Sats.of(100), new BigDecimal("0.01"), FeeLimits.Rule.BOTH_EXCEEDED);
        assertThat(relLoose.allows(abs(1, 9_000, 0), AMOUNT)).isTrue();
    }

    @Test
    void keepsOneOfferPerMakerTheCheapest() {
        MakerOffer dear = rel(1, "0.0009", 0);
        MakerOffer cheap = new MakerOffer(nick(1), OfferType.SW0ABSOFFER, 1, Sats.of(27_300), Sats.of(50_000_000),
                Sats.ZERO, BigDecimal.valueOf(10), 0);
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT);
        assertThat(s.eligible(List.of(dear, cheap), AMOUNT, Set.of())).containsExactly(cheap);
    }

    @Test
    void cheapestPicksLowestNetFees() {
        List<MakerOffer> offers = List.of(rel(1, "0.0005", 0), rel(2, "0.0001", 0), rel(3, "0.0003", 0),
                rel(4, "0.0002", 0));
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT.withAlgorithm(SelectionAlgorithm.CHEAPEST));
        assertThat(s.choose(offers, AMOUNT, 2, Set.of(), new Random(1))).extracting(MakerOffer::maker)
                .containsExactly(nick(2), nick(4));
    }

    @Test
    void everyAlgorithmReturnsDistinctMakersAndAtMostN() {
        List<MakerOffer> offers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            offers.add(rel(i, "0.000" + (i % 9 + 1), i % 3 == 0 ? 1000.0 * (i + 1) : 0));
        }
        for (SelectionAlgorithm a : SelectionAlgorithm.values()) {
            MakerSelector s = new MakerSelector(new SelectionPolicy(a, FeeLimits.NG_DEFAULTS, 0.2, false));
            for (int seed = 0; seed < 20; seed++) {
                List<MakerOffer> chosen = s.choose(offers, AMOUNT, 5, Set.of(), new Random(seed));
                assertThat(chosen).as(a + " seed " + seed).hasSize(5);
                assertThat(chosen.stream().map(MakerOffer::maker).distinct().count()).isEqualTo(5);
            }
            assertThat(s.choose(offers, AMOUNT, 50, Set.of(), new Random(3))).hasSize(12);
        }
    }

    @Test
    void seededRandomGivesTheSameChoice() {
        List<MakerOffer> offers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            offers.add(rel(i, "0.0001", i));
        }
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT);
        assertThat(s.choose(offers, AMOUNT, 4, Set.of(), new Random(42)))
                .isEqualTo(s.choose(reversed(offers), AMOUNT, 4, Set.of(), new Random(42)));
    }

    static List<MakerOffer> reversed(List<MakerOffer> in) {
        List<MakerOffer> out = new ArrayList<>(in);
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * How often each maker is chosen for a single slot in 2000 bond-weighted choices between two
     * offers (seeded).
     */
    static Map<Nick, Integer> singleSlotPicks(MakerOffer a, MakerOffer b, double bondlessAllowance,
            boolean bondlessZeroFeeOnly, long seed) {
        MakerSelector s = new MakerSelector(new SelectionPolicy(SelectionAlgorithm.FIDELITY_BOND_WEIGHTED,
                FeeLimits.NG_DEFAULTS, bondlessAllowance, bondlessZeroFeeOnly));
        Random rng = new Random(seed);
        Map<Nick, Integer> first = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            first.merge(s.choose(List.of(a, b), AMOUNT, 1, Set.of(), rng).get(0).maker(), 1, Integer::sum);
        }
        return first;
    }

    @Test
    void bondWeightedPrefersLargerBondsRoughlyInProportion() {
        MakerOffer big = rel(1, "0.0001", 9000);
        MakerOffer small = rel(2, "0.0001", 1000);
        int bigFirst = singleSlotPicks(big, small, 0.0, false, 7).getOrDefault(nick(1), 0);
        assertThat(bigFirst).isBetween(1700, 1900);
    }

    @Test
    void bondlessAllowanceLetsBondlessMakersIn() {
        MakerOffer bonded = rel(1, "0.0001", 1e12);
        MakerOffer bondless = rel(2, "0", 0);
        Map<Nick, Integer> first = singleSlotPicks(bonded, bondless, 0.5, true, 11);
        // bondless picked only in the uniform slot: about 0.5 x 0.5 = 25 %
        assertThat(first.get(nick(2))).isBetween(400, 600);
    }

    @Test
    void zeroFeeRuleDropsBondlessOffersThatChargeWhenBondsExist() {
        MakerOffer bonded = rel(1, "0.0001", 5000);
        MakerOffer bondlessFree = rel(2, "0", 0);
        MakerOffer bondlessPaid = rel(3, "0.0001", 0);
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT);
        assertThat(s.eligible(List.of(bonded, bondlessFree, bondlessPaid), AMOUNT, Set.of()))
                .extracting(MakerOffer::maker).containsExactlyInAnyOrder(nick(1), nick(2));
        // without any bond in the book the rule would leave nothing; it is not applied
        assertThat(s.eligible(List.of(bondlessPaid), AMOUNT, Set.of())).hasSize(1);
    }

    @Test
    void weightedFavoursCheapOffers() {
        List<MakerOffer> offers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            offers.add(abs(i, 10 + 40L * i, 0));
        }
        MakerSelector s = new MakerSelector(SelectionPolicy.DEFAULT.withAlgorithm(SelectionAlgorithm.WEIGHTED));
        Random rng = new Random(5);
        int cheapest = 0;
        int dearest = 0;
        for (int i = 0; i < 3000; i++) {
            Nick n = s.choose(offers, AMOUNT, 1, Set.of(), rng).get(0).maker();
            cheapest += n.equals(nick(0)) ? 1 : 0;
            dearest += n.equals(nick(8)) ? 1 : 0;
        }
        assertThat(cheapest).isGreaterThan(dearest * 3);
    }

    @Test
    void defaultCounterpartyCountIsEightToTen() {
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) {
            assertThat(MakerSelector.randomCounterpartyCount(rng)).isBetween(8, 10);
        }
    }
}
