package jm.taker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.offer.Fees;
import jm.maker.bot.NickState;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.podle.InMemoryUsedCommitmentStore;
import jm.taker.selection.SelectionAlgorithm;
import jm.taker.selection.SelectionPolicy;
import jm.taker.testing.FakeChain;
import jm.taker.testing.FakeWallet;
import jm.taker.testing.LoopbackMessenger;
import jm.taker.testing.ScriptedMaker;
import jm.taker.testing.ScriptedMaker.Behaviour;
import org.bitcoinj.core.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole taker flow against scripted makers, an in-memory chain and wallet. */
class CoinJoinSessionTest {
    static final long AMOUNT = 1_000_000;

    final FakeChain chain = new FakeChain(true);
    final FakeWallet wallet = new FakeWallet(chain, 1);
    final SimulatedTime time = new SimulatedTime();
    final InMemoryUsedCommitmentStore used = new InMemoryUsedCommitmentStore();
    final List<String> progress = new ArrayList<>();
    LoopbackMessenger messenger;

    @AfterEach
    void stop() {
        time.close();
    }

    TakerConfig config(int minimumMakers) {
        return TakerConfig.defaults(Network.REGTEST).withMinimumMakers(minimumMakers).withFixedFeeRate(2_000)
                .withBroadcast(BroadcastPolicy.SELF)
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** One counterparty, chosen by fidelity-bond weight, with no bondless allowance. */
    TakerConfig bondWeighted() {
        return config(1).withSelection(new jm.taker.selection.SelectionPolicy(
                jm.taker.selection.SelectionAlgorithm.FIDELITY_BOND_WEIGHTED,
                jm.taker.selection.FeeLimits.NG_DEFAULTS, 0.0, true));
    }

    List<ScriptedMaker> makers(Behaviour... behaviours) {
        List<ScriptedMaker> list = new ArrayList<>();
        for (int i = 0; i < behaviours.length; i++) {
            list.add(new ScriptedMaker(i + 1, chain, behaviours[i], 3_000_000 + i * 100_000L, "0.0002", i % 2 * 50));
        }
        return list;
    }

    CoinJoinReport run(TakerConfig cfg, CoinJoinRequest req, List<ScriptedMaker> makers) throws Exception {
        return run(cfg, req, makers, OwnNicks.none());
    }

    CoinJoinReport run(TakerConfig cfg, CoinJoinRequest req, List<ScriptedMaker> makers, OwnNicks ownNicks)
            throws Exception {
        messenger = loopback(makers);
        if (messengerLate != null) {
            messenger.deliverLate(messengerLate.nick());
        }
        return drive(session(cfg, req, chain, wallet, ownNicks, ProgressListener.NONE));
    }

    LoopbackMessenger loopback(List<ScriptedMaker> makers) {
        return new LoopbackMessenger(makers, time::onMakerThread);
    }

    /** Runs the session to its report, the clock jumping to each deadline once all else is done. */
    CoinJoinReport drive(CoinJoinSession s) throws Exception {
        return time.drive(s, messenger, s.start());
    }

    static CoinJoinRequest request(long amount, int counterparties) {
        return new CoinJoinRequest(Sats.of(amount), 0, Optional.empty(), OptionalInt.of(counterparties));
    }

    /** Checks the confirmed transaction pays every maker exactly what the protocol says. */
    void assertConfirmedWithExpectedAmounts(CoinJoinReport r, List<ScriptedMaker> makers, long amount) {
        assertThat(r.success()).as(String.join("\n", progress)).isTrue();
        Transaction tx = chain.transaction(r.txid().orElseThrow()).orElseThrow();
        assertThat(chain.getConfirmations(tx.getTxId())).contains(1);
        assertThat(r.confirmations()).isEqualTo(1);
        assertThat(r.amount()).isEqualTo(Sats.of(amount));
        long equal = tx.getOutputs().stream().filter(o -> o.getValue().value == amount).count();
        assertThat(equal).isEqualTo(r.makerFees().size() + 1);
        for (ScriptedMaker m : makers) {
            if (!r.makerFees().containsKey(m.nick())) {
                continue;
            }
            long fee = Fees.cjFee(m.offer(), amount);
            assertThat(r.makerFees().get(m.nick())).isEqualTo(Sats.of(fee));
            assertThat(value(tx, m.cjScript())).isEqualTo(amount);
            assertThat(value(tx, m.changeScript())).isEqualTo(m.utxoValue() - amount - m.offer().txFee().value() + fee);
        }
        assertThat(r.miningFee().value()).isPositive();
    }

    static long value(Transaction tx, byte[] script) {
        return tx.getOutputs().stream().filter(o -> Arrays.equals(o.getScriptBytes(), script))
                .mapToLong(o -> o.getValue().value).sum();
    }

    @Test
    void completesANormalCoinJoinWithFourMakers() throws Exception {
        OutPoint a = wallet.add(0, 1_500_000, 10);
        wallet.add(0, 300_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 4), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).hasSize(4);
        Transaction tx = chain.transaction(r.txid().orElseThrow()).orElseThrow();
        assertThat(tx.getVersion()).isEqualTo(2);
        assertThat(tx.getInputs()).extracting(i -> i.getOutpoint().hash()).contains(a.txid());
        // our change exists: 1.5M - 1M - fees - our mining share
        long makerFees = r.makerFees().values().stream().mapToLong(Sats::value).sum();
        long ourChange = tx.getOutputs().stream().filter(o -> wallet.handedOutScriptsHex()
                .contains(HexFormat.of().formatHex(o.getScriptBytes())) && o.getValue().value != AMOUNT)
                .mapToLong(o -> o.getValue().value).sum();
        assertThat(ourChange).isEqualTo(1_500_000 - AMOUNT - makerFees - (r.totalCost().value() - makerFees));
        assertThat(makers).allMatch(ScriptedMaker::signed);
        assertThat(progress).anyMatch(l -> l.startsWith("ORDERBOOK")).anyMatch(l -> l.startsWith("SIG"))
                .anyMatch(l -> l.startsWith("DONE"));
    }

    @Test
    void endingTheOrderbookWaitEarlyUsesTheOffersReceivedSoFar() throws Exception {
        wallet.add(0, 1_500_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        TakerConfig hourLongWait = config(4).withTimeouts(Duration.ofHours(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        messenger = loopback(makers);
        messenger.endOrderbookWaitAfterOffers();
        // an hour-long wait would time this out: the early end is what completes it
        CoinJoinReport r = drive(session(hourLongWait, request(AMOUNT, 4), chain, wallet, OwnNicks.none(),
                ProgressListener.NONE));
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(progress).anyMatch(l -> l.contains("4 makers answered"));
    }

    @Test
    void theOrderbookWaitEndsOnceOffersStopArrivingWithTheFixedWaitAsCeiling() throws Exception {
        wallet.add(0, 1_500_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        // an hour-long order_wait_time would time this test out: the quiet period is what ends the wait
        TakerConfig hourLongWait = config(4).withTimeouts(Duration.ofHours(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5)).withOrderbookQuiet(Duration.ofMillis(200));
        CoinJoinReport r = run(hourLongWait, request(AMOUNT, 4), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(progress).anyMatch(l -> l.startsWith("ORDERBOOK: requesting offers for up to 3600 s"))
                .anyMatch(l -> l.startsWith("ORDERBOOK: offers so far: 1 from 1 maker(s)"))
                .anyMatch(l -> l.contains("4 makers answered with 4 offers"));
    }

    @Test
    void withoutOffersTheOrderbookWaitLastsItsCeiling() throws Exception {
        wallet.add(0, 1_500_000, 10);
        TakerConfig shortCeiling = config(4).withOrderbookQuiet(Duration.ofMillis(10));
        CoinJoinReport r = run(shortCeiling, request(AMOUNT, 4), List.of());
        assertThat(r.success()).isFalse();
        assertThat(progress).anyMatch(l -> l.contains("0 makers answered with 0 offers"));
    }

    final FakeChain unmined = new FakeChain(false);

    /**
     * A CoinJoin with four honest makers on {@link #unmined}, a chain that never mines, with an
     * hour-long wait for the confirmation; {@code extra} hears every event.
     */
    CoinJoinSession neverConfirmedCoinJoin(ProgressListener extra) {
        FakeWallet w = new FakeWallet(unmined, 1);
        w.add(0, 1_500_000, 10);
        List<ScriptedMaker> makers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            makers.add(new ScriptedMaker(i + 1, unmined, Behaviour.HONEST, 3_000_000 + i * 100_000L, "0.0002", 0));
        }
        TakerConfig hourLongConfirmationWait = config(4).withTimeouts(Duration.ofHours(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofHours(1));
        messenger = loopback(makers);
        messenger.endOrderbookWaitAfterOffers();
        return session(hourLongConfirmationWait, request(AMOUNT, 4), unmined, w, OwnNicks.none(), extra);
    }

    @Test
    void abortingWhileWaitingForTheConfirmationOnlyStopsTheWait() throws Exception {
        AtomicReference<CoinJoinSession> ref = new AtomicReference<>();
        CoinJoinSession s = neverConfirmedCoinJoin((p, m) -> {
            if (p == Phase.CONFIRMATION) {
                ref.get().abort("interrupted");
            }
        });
        ref.set(s);
        CoinJoinReport r = drive(s);
        assertThat(r.success()).as(String.join("\n", progress)).isTrue();
        assertThat(r.confirmations()).isZero();
        assertThat(unmined.transaction(r.txid().orElseThrow())).isPresent();
        assertThat(progress).anyMatch(l -> l.contains("stopped waiting for a confirmation (interrupted)"));
    }

    @Test
    void sweepsTheWholeMixdepthWithoutChange() throws Exception {
        wallet.add(0, 700_000, 10);
        wallet.add(0, 650_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(0, 4), makers);
        assertThat(r.success()).as(String.join("\n", progress)).isTrue();
        long amount = r.amount().value();
        assertConfirmedWithExpectedAmounts(r, makers, amount);
        Transaction tx = chain.transaction(r.txid().orElseThrow()).orElseThrow();
        long ours = tx.getOutputs().stream().filter(o -> wallet.handedOutScriptsHex()
                .contains(HexFormat.of().formatHex(o.getScriptBytes()))).mapToLong(o -> o.getValue().value).sum();
        assertThat(ours).isEqualTo(amount); // only the CoinJoin output, no change
        assertThat(wallet.coins(0)).isEmpty();
        long makerFees = r.makerFees().values().stream().mapToLong(Sats::value).sum();
        assertThat(amount + makerFees + r.totalCost().value() - makerFees).isEqualTo(1_350_000);
    }

    @Test
    void replacesAMakerThatNeverAnswers() throws Exception {
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.SILENT, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST, Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 5), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).doesNotContainKey(makers.get(0).nick()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void dropsAMakerWhoseSignatureIsBadAndRetriesWithOthers() throws Exception {
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.BAD_SIGNATURE, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST, Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 5), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).doesNotContainKey(makers.get(0).nick());
        assertThat(r.dropped()).containsKey(makers.get(0).nick());
        assertThat(r.dropped().get(makers.get(0).nick())).contains("bad signature");
    }

    /**
     * Six makers of which the first two misbehave as given: the CoinJoin completes with the four
     * others; returns why the two were dropped.
     */
    List<String> dropReasonsOfTwoBadMakersAmongSix(Behaviour first, Behaviour second) throws Exception {
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(first, second, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 6), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).hasSize(4);
        return List.of(r.dropped().get(makers.get(0).nick()), r.dropped().get(makers.get(1).nick()));
    }

    @Test
    void dropsMakersDeclaringSpentOrUnconfirmedUtxos() throws Exception {
        List<String> why = dropReasonsOfTwoBadMakersAmongSix(Behaviour.SPENT_UTXO, Behaviour.UNCONFIRMED_UTXO);
        assertThat(why.get(0)).contains("UTXO_MISSING_OR_SPENT");
        assertThat(why.get(1)).contains("UTXO_UNCONFIRMED");
    }

    @Test
    void dropsAMakerReusingAnotherMakersUtxo() throws Exception {
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.STEALS_UTXO, Behaviour.HONEST,
                Behaviour.HONEST, Behaviour.HONEST);
        makers.get(1).stealingFrom(makers.get(0));
        messengerLate = makers.get(1);
        CoinJoinReport r = run(config(4), request(AMOUNT, 5), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.dropped().get(makers.get(1).nick())).contains("UTXO_ALREADY_USED");
        assertThat(r.makerFees()).containsKey(makers.get(0).nick());
    }

    ScriptedMaker messengerLate;

    @Test
    void endsCleanlyWithCoinsUnlockedWhenTooFewMakersRemain() throws Exception {
        OutPoint coin = wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.SILENT, Behaviour.SILENT, Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 4), makers);
        assertThat(r.success()).isFalse();
        assertThat(r.failedPhase()).hasValueSatisfying(p -> assertThat(p).isIn(Phase.FILL, Phase.AUTH));
        assertThat(r.failure().orElseThrow()).contains("minimum_makers is 4");
        assertThat(wallet.locked()).doesNotContain(coin).isEmpty();
        assertThat(chain.broadcasts()).isZero();
        assertThat(r.dropped()).containsKeys(makers.get(1).nick(), makers.get(2).nick());
    }

    @Test
    void refusesBeforeAnyNetworkWorkWhenTheMixdepthCannotFund() throws Exception {
        wallet.add(0, 500_000, 0);
        wallet.add(0, 400_000, 10, true);
        CoinJoinReport r = run(config(4), request(AMOUNT, 4), makers(Behaviour.HONEST));
        assertThat(r.success()).isFalse();
        assertThat(r.failedPhase()).contains(Phase.PREFLIGHT);
        assertThat(r.failure().orElseThrow()).contains("no spendable coins").contains("1 unconfirmed")
                .contains("1 frozen");
    }

    @Test
    void refusesWhenNoCoinIsOldEnoughForACommitment() throws Exception {
        wallet.add(0, 2_000_000, 2);
        CoinJoinReport r = run(config(4), request(AMOUNT, 4), makers(Behaviour.HONEST));
        assertThat(r.failedPhase()).contains(Phase.PREFLIGHT);
        assertThat(r.failure().orElseThrow()).contains("PoDLE").contains("5 confirmations");
    }

    @Test
    void saysWhichOffersWereLeftOutWhenTooFewFit() throws Exception {
        wallet.add(0, 9_000_000, 10);
        // the makers' offers end below 5 000 000 (maxsize = utxo - 100 000)
        CoinJoinReport r = run(config(4), request(5_000_000, 4), makers(Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST, Behaviour.HONEST));
        assertThat(r.failedPhase()).contains(Phase.ORDERBOOK);
        assertThat(r.failure().orElseThrow()).contains("only 0 suitable offers")
                .contains("amount outside their size range=4");
        assertThat(wallet.locked()).isEmpty();
    }

    @Test
    void aVerifiedFidelityBondWinsTheSlotWhenBondlessMakersCharge() throws Exception {
        for (int seed = 0; seed < 3; seed++) {
            wallet.add(0, 2_000_000, 10);
            List<ScriptedMaker> makers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                makers.add(new ScriptedMaker(seed * 10 + i + 1, chain, Behaviour.HONEST, 3_000_000 + i * 1000L,
                        "0.0002", 0));
            }
            ScriptedMaker bonded = makers.get(3).withBond(50_000_000, 1_798_761_600L);
            TakerConfig cfg = bondWeighted();
            CoinJoinReport r = run(cfg, request(AMOUNT, 1), makers);
            assertThat(r.success()).as(String.join("\n", progress)).isTrue();
            assertThat(r.makerFees().keySet()).containsExactly(bonded.nick());
        }
    }

    @Test
    void verifiesEachMakersBondOnceHoweverManyCopiesOfItArrive() throws Exception {
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            makers.add(new ScriptedMaker(60 + i, chain, Behaviour.HONEST, 3_000_000 + i * 1000L, "0.0001", 0));
        }
        // as NG on five directories: five offer copies, each bond proof with a fresh certificate key
        ScriptedMaker bonded = makers.get(3).withBond(50_000_000, 1_798_761_600L).withOfferCopies(5);
        TakerConfig cfg = bondWeighted();
        CoinJoinReport r = run(cfg, request(AMOUNT, 1), makers);
        assertThat(r.success()).as(String.join("\n", progress)).isTrue();
        assertThat(r.makerFees().keySet()).containsExactly(bonded.nick());
        assertThat(chain.txOutCalls(bonded.bondUtxo())).isEqualTo(1);
    }

    @Test
    void dropsMakersSendingUndecryptableIoauthOrAnError() throws Exception {
        List<String> why = dropReasonsOfTwoBadMakersAmongSix(Behaviour.GARBAGE_IOAUTH, Behaviour.ERROR_ON_FILL);
        assertThat(why.get(0)).contains("undecryptable");
        assertThat(why.get(1)).contains("maker error").contains("blacklisted");
    }

    @Test
    void sendsTheExtendedUtxoFormToNeutrinoMakersAndTheLegacyFormToTheRest() throws Exception {
        // NG neutrino makers refuse a legacy !auth; reference-style (HONEST) makers lose an
        // extended one: only the right form for each gets all four to sign in one round.
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.NG_NEUTRINO, Behaviour.HONEST, Behaviour.NG_NEUTRINO,
                Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 4), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).hasSize(4);
        assertThat(makers).allMatch(ScriptedMaker::signed);
        assertThat(makers).allMatch(m -> m.legacyAuths() == 0);
        assertThat(progress).noneMatch(p -> p.contains("round 2"));
    }

    @Test
    void askingMakersToBroadcastStillConfirms() throws Exception {
        wallet.add(0, 2_000_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        CoinJoinReport r = run(config(4).withBroadcast(BroadcastPolicy.NOT_SELF), request(AMOUNT, 4), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(makers.stream().mapToInt(ScriptedMaker::pushes).sum()).isGreaterThanOrEqualTo(1);
    }

    // ------------------------------------------------------------------ self-CoinJoin guard

    @TempDir
    Path dataDir;

    /** Our maker's state files in the data dir (where it writes its nick). */
    NickState ourMakerState() {
        return new NickState(dataDir);
    }

    /** Four ordinary makers and, last, the cheapest one (which the tests make "ours"); our wallet funded. */
    List<ScriptedMaker> fourMakersAndACheapOne() {
        wallet.add(0, 1_500_000, 10);
        List<ScriptedMaker> list = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        list.add(new ScriptedMaker(9, chain, Behaviour.HONEST, 3_000_000, "0.000001", 0));
        return list;
    }

    TakerConfig cheapestFirst() {
        return config(4).withSelection(SelectionPolicy.DEFAULT.withAlgorithm(SelectionAlgorithm.CHEAPEST));
    }

    @Test
    void withoutTheGuardTheCheapestMakerIsChosen() throws Exception {
        List<ScriptedMaker> makers = fourMakersAndACheapOne();
        CoinJoinReport r = run(cheapestFirst(), request(AMOUNT, 4), makers, OwnNicks.inDataDir(dataDir));
        assertThat(r.success()).as(String.join("\n", progress)).isTrue();
        assertThat(r.makerFees()).containsKey(makers.get(4).nick());
    }

    @Test
    void neverChoosesOurOwnMakerFromTheMakerNickFileEvenIfItIsTheCheapest() throws Exception {
        List<ScriptedMaker> makers = fourMakersAndACheapOne();
        ScriptedMaker ours = makers.get(4);
        NickState makerState = ourMakerState();
        makerState.writeMaker(ours.nick());
        CoinJoinReport r = run(cheapestFirst(), request(AMOUNT, 4), makers, OwnNicks.inDataDir(dataDir));
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).hasSize(4).doesNotContainKey(ours.nick());
        assertThat(r.dropped()).doesNotContainKey(ours.nick());
        assertThat(ours.signed()).isFalse();
    }

    @Test
    void neverChoosesOurOwnMakerThatStartedWhileOffersWereCollected() throws Exception {
        List<ScriptedMaker> makers = fourMakersAndACheapOne();
        ScriptedMaker ours = makers.get(4);
        NickState makerState = ourMakerState();
        messenger = loopback(makers);
        CoinJoinReport r = drive(session(cheapestFirst(), request(AMOUNT, 4), chain, wallet,
                OwnNicks.inDataDir(dataDir), (p, m) -> {
                    if (p == Phase.ORDERBOOK && m.startsWith("requesting offers")) {
                        makerState.writeMaker(ours.nick());
                    }
                }));
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).hasSize(4).doesNotContainKey(ours.nick());
        assertThat(progress).anyMatch(l -> l.contains("never choosing our own maker"))
                .anyMatch(l -> l.contains("4 makers answered"));
    }

    @Test
    void neverChoosesAnOwnNickGivenInTheConfig() throws Exception {
        List<ScriptedMaker> makers = fourMakersAndACheapOne();
        ScriptedMaker ours = makers.get(4);
        CoinJoinReport r = run(cheapestFirst().withOwnNicks(Set.of(ours.nick())), request(AMOUNT, 4), makers);
        assertConfirmedWithExpectedAmounts(r, makers, AMOUNT);
        assertThat(r.makerFees()).hasSize(4).doesNotContainKey(ours.nick());
    }

    @Test
    void failsRatherThanUseOurOwnMakerWhenTheOthersAreTooFew() throws Exception {
        List<ScriptedMaker> makers = fourMakersAndACheapOne().subList(1, 5);
        ourMakerState().writeMaker(makers.get(3).nick());
        CoinJoinReport r = run(cheapestFirst(), request(AMOUNT, 4), makers, OwnNicks.inDataDir(dataDir));
        assertThat(r.success()).isFalse();
        assertThat(r.failure().orElseThrow()).startsWith("only 3 suitable offers");
        assertThat(makers.get(3).signed()).isFalse();
    }

    @Test
    void writesTheTakerNickForOurMakerDuringTheCoinJoinAndRemovesItAtTheEnd() throws Exception {
        wallet.add(0, 1_500_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST);
        NickState makerState = ourMakerState();
        List<Set<Nick>> seenByMakerDuringSig = new ArrayList<>();
        messenger = loopback(makers);
        CoinJoinReport r = drive(session(config(4), request(AMOUNT, 4), chain, wallet,
                OwnNicks.inDataDir(dataDir), (p, m) -> {
                    if (p == Phase.SIG) {
                        synchronized (seenByMakerDuringSig) {
                            seenByMakerDuringSig.add(makerState.ownNicks());
                        }
                    }
                }));
        assertThat(r.success()).isTrue();
        synchronized (seenByMakerDuringSig) {
            assertThat(seenByMakerDuringSig).isNotEmpty().allMatch(n -> n.contains(messenger.ownNick()));
        }
        assertThat(dataDir.resolve("state").resolve(OwnNicks.TAKER_FILE)).doesNotExist();
        assertThat(makerState.ownNicks()).isEmpty();
    }

    @Test
    void removesTheTakerNickWhenTheCoinJoinFails() throws Exception {
        wallet.add(0, 1_500_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.HONEST, Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(AMOUNT, 4), makers, OwnNicks.inDataDir(dataDir));
        assertThat(r.success()).isFalse();
        assertThat(dataDir.resolve("state").resolve(OwnNicks.TAKER_FILE)).doesNotExist();
    }

    /** A session on the simulated time, recording its progress lines; {@code extra} also hears every event. */
    CoinJoinSession session(TakerConfig cfg, CoinJoinRequest req, FakeChain ch, FakeWallet w, OwnNicks ownNicks,
            ProgressListener extra) {
        CoinJoinSession s = new CoinJoinSession(cfg, req, messenger, ch, w, used, time.sessionThread, new Random(7),
                new SecureRandom(), time.clock, new ProgressListener() {
                    @Override
                    public void onProgress(Phase p, String m) {
                        synchronized (progress) {
                            progress.add(p + ": " + m);
                        }
                        extra.onProgress(p, m);
                    }

                    @Override
                    public void onPhase(Phase from, Phase to) {
                        extra.onPhase(from, to);
                    }
                }, ownNicks);
        messenger.attach(s);
        return s;
    }

    /**
     * Four makers of which the first signs badly, for {@code amount} (0 = sweep): the CoinJoin must
     * fail in SIG with our coins unlocked; returns the failure.
     */
    String failureWithABadSignerAmongFour(long amount) throws Exception {
        wallet.add(0, 700_000, 10);
        wallet.add(0, 1_300_000, 10);
        List<ScriptedMaker> makers = makers(Behaviour.BAD_SIGNATURE, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST);
        CoinJoinReport r = run(config(4), request(amount, 4), makers);
        assertThat(r.success()).isFalse();
        assertThat(r.failedPhase()).as(String.join("\n", progress)).contains(Phase.SIG);
        assertThat(r.dropped()).containsOnlyKeys(makers.get(0).nick());
        assertThat(wallet.locked()).isEmpty();
        assertThat(chain.broadcasts()).isZero();
        return r.failure().orElseThrow();
    }

    @Test
    void aSweepWhoseMakerSignsBadlyFailsInTheSigningPhaseWithCoinsUnlocked() throws Exception {
        assertThat(failureWithABadSignerAmongFour(0)).contains("bad signature").contains("a sweep is not retried");
    }

    @Test
    void aSigningFailureWithTooFewMakersLeftFailsInTheSigningPhaseWithCoinsUnlocked() throws Exception {
        assertThat(failureWithABadSignerAmongFour(AMOUNT)).contains("bad signature")
                .contains("only 3 other suitable makers left");
    }

    @Test
    void theOrderbookWaitIsMeasuredOnTheInjectedClock() throws Exception {
        wallet.add(0, 1_500_000, 10);
        TakerConfig hourLongWait = config(4).withTimeouts(Duration.ofHours(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5)).withOrderbookQuiet(Duration.ofHours(1));
        messenger = loopback(List.of());
        // an hour of real time would time the test out: only the fake clock's hour ends the wait
        CoinJoinReport r = drive(session(hourLongWait, request(AMOUNT, 4), chain, wallet, OwnNicks.none(),
                ProgressListener.NONE));
        assertThat(r.failedPhase()).contains(Phase.ORDERBOOK);
        assertThat(Duration.between(SimulatedTime.START, time.clock.instant()))
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
        assertThat(progress).anyMatch(l -> l.contains("0 makers answered with 0 offers"));
    }

    @Test
    void theConfirmationWaitIsMeasuredOnTheInjectedClock() throws Exception {
        AtomicReference<Instant> waitingSince = new AtomicReference<>();
        CoinJoinReport r = drive(neverConfirmedCoinJoin(new ProgressListener() {
            @Override
            public void onProgress(Phase p, String m) {
            }

            @Override
            public void onPhase(Phase from, Phase to) {
                if (to == Phase.CONFIRMATION) {
                    waitingSince.set(time.clock.instant());
                }
            }
        }));
        assertThat(r.success()).as(String.join("\n", progress)).isTrue();
        assertThat(r.confirmations()).isZero();
        assertThat(Duration.between(waitingSince.get(), time.clock.instant()))
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
    }
}
