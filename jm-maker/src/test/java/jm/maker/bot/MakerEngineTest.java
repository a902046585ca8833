package jm.maker.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.command.IoAuthPayload;
import jm.core.command.SigPayload;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.maker.testing.FakeMakerChain;
import jm.maker.testing.FakeMakerWallet;
import jm.core.testing.MutableClock;
import jm.maker.testing.RawTx;
import jm.maker.testing.RecordingOutbox;
import jm.maker.testing.ScriptedTaker;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakerEngineTest {
    static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");
    static final Nick OWN_TAKER = new Nick("J5Eh3UUSxHmMPnyf");
    static final String DIR_A = "dirA:5222";
    static final String DIR_B = "dirB:5222";
    static final String DIRECT = "direct#1";
    static final long AMOUNT = 1_000_000;

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    final FakeMakerWallet wallet = new FakeMakerWallet();
    final FakeMakerChain chain = new FakeMakerChain();
    final RecordingOutbox out = new RecordingOutbox();
    CommitmentBlacklist blacklist;
    CoinJoinHistory history;
    MakerEngine<String> engine;
    ScriptedTaker taker;

    @BeforeEach
    void setUp() {
        blacklist = CommitmentBlacklist.open(dir.resolve("cmtdata/commitmentlist"));
        history = new CoinJoinHistory(dir.resolve(CoinJoinHistory.FILE_NAME));
        MakerSettings settings = MakerSettings.defaults("regtest").withReannounceDelayMax(Duration.ZERO);
        engine = new MakerEngine<>(settings, wallet, chain, out, blacklist, history, OWN_TAKER::equals,
                n -> Optional.empty(), clock, new SecureRandom());
        engine.refreshOffers(true);
        taker = new ScriptedTaker(TAKER, "t1", 2_000_000, BitcoinNetwork.REGTEST);
        chain.utxos.put(taker.utxo, new MakerChain.Utxo(Sats.of(taker.utxoValue), taker.utxoScript(), 10));
    }

    private String last(String command) {
        List<RecordingOutbox.Sent> s = out.sent(command);
        assertThat(s).as("sent !%s", command).isNotEmpty();
        return s.get(s.size() - 1).data();
    }

    /** Runs fill and auth over {@code via}; returns the !ioauth payload. */
    private IoAuthPayload fillAndAuth(String viaFill, String viaAuth) throws Exception {
        engine.onPrivate(viaFill, false, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        taker.onPubkey(last("pubkey"));
        engine.onPrivate(viaAuth, DIRECT.equals(viaAuth), TAKER, "auth", taker.authArgs(0));
        return taker.onIoauth(last("ioauth"));
    }

    private long cjFee() {
        Offer o = engine.offers().offer(0).orElseThrow();
        return Fees.cjFee(o, AMOUNT);
    }

    @Test
    void completesACoinJoinAndSignsOnlyOurInputWithTheWalletAmount() throws Exception {
        IoAuthPayload io = fillAndAuth(DIR_A, DIR_A);
        assertThat(io.utxos()).hasSize(1);
        assertThat(io.bindsBoxKey(out.sent("pubkey").get(0).data().split(" ")[0])).isTrue();
        assertThat(wallet.handedOut).contains(io.cjAddress(), io.changeAddress());
        assertThat(blacklist.contains(taker.commitmentField(0).substring(1))).isTrue();
        assertThat(out.commitmentBroadcasts).containsExactly(taker.commitmentField(0).substring(1));

        FakeMakerWallet.Coin1 ours = wallet.coins.stream()
                .filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint())).findFirst().orElseThrow();
        RawTx tx = taker.honestTx(AMOUNT, ours.value(), cjFee(), 0);
        engine.onPrivate(DIR_A, false, TAKER, "tx", taker.txArgs(tx));
        List<RecordingOutbox.Sent> sigs = out.sent("sig");
        assertThat(sigs).hasSize(1);
        SigPayload sig = taker.openSig(sigs.get(0).data());

        // the signature verifies for our input with our amount (BIP143)
        Transaction btx = Transaction.read(java.nio.ByteBuffer.wrap(tx.serialize()));
        ECKey pub = ECKey.fromPublicOnly(sig.pub());
        TransactionSignature ts = TransactionSignature.decodeFromBitcoin(sig.sig(), true, true);
        var hash = btx.hashForWitnessSignature(1, ScriptBuilder.createP2PKHOutputScript(pub), Coin.valueOf(ours.value()),
                Transaction.SigHash.ALL, false);
        assertThat(pub.verify(hash, ts)).isTrue();

        // history row written on signing
        assertThat(history.pendingTxids()).containsExactly(btx.getTxId().toString());
        var row = history.row(btx.getTxId().toString()).orElseThrow();
        assertThat(row.get("fee_received")).isEqualTo(Long.toString(cjFee()));
        assertThat(row.get("counterparty_nicks")).isEqualTo(TAKER.value());

        // !push of the signed tx is broadcast once
        btx.getInput(1).withWitness(TransactionWitness.of(sig.sig(), sig.pub()));
        engine.onPrivate(DIR_A, false, TAKER, "push", taker.pushArgs(tx.serialize()));
        assertThat(chain.broadcasts).hasSize(1);
        engine.onPrivate(DIR_A, false, TAKER, "push", taker.pushArgs(tx.serialize()));
        assertThat(chain.broadcasts).hasSize(1);

        // confirmation recorded with the fee
        chain.confirmations.put(btx.getTxId(), 1);
        engine.checkConfirmations();
        assertThat(history.row(btx.getTxId().toString()).orElseThrow().get("success")).isEqualTo("True");
    }

    @Test
    void handlesEachMessageOnceWhenTwoDirectoriesRelayIt() throws Exception {
        String fill = taker.fillArgs(0, AMOUNT, 0);
        engine.onPrivate(DIR_A, false, TAKER, "fill", fill);
        engine.onPrivate(DIR_B, false, TAKER, "fill", fill);
        assertThat(out.sent("pubkey")).hasSize(1);
        taker.onPubkey(last("pubkey"));
        String auth = taker.authArgs(0);
        engine.onPrivate(DIR_B, false, TAKER, "auth", auth);
        engine.onPrivate(DIR_A, false, TAKER, "auth", auth);
        assertThat(out.sent("ioauth")).hasSize(1);
        IoAuthPayload io = taker.onIoauth(last("ioauth"));
        long ours = wallet.coins.stream().filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint()))
                .findFirst().orElseThrow().value();
        String txArgs = taker.txArgs(taker.honestTx(AMOUNT, ours, cjFee(), 0));
        engine.onPrivate(DIR_A, false, TAKER, "tx", txArgs);
        engine.onPrivate(DIR_B, false, TAKER, "tx", txArgs);
        assertThat(out.sent("sig")).hasSize(1);
        assertThat(wallet.signCalls).hasSize(1);
    }

    @Test
    void repliesOnTheChannelTheTakerUsedLastWhenSwitchingFromRelayToDirect() throws Exception {
        engine.onPrivate(DIR_A, false, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        assertThat(out.sent("pubkey").get(0).via()).contains(DIR_A);
        taker.onPubkey(last("pubkey"));
        engine.onPrivate(DIRECT, true, TAKER, "auth", taker.authArgs(0));
        assertThat(out.sent("ioauth").get(0).via()).contains(DIRECT);
        IoAuthPayload io = taker.onIoauth(last("ioauth"));
        long ours = wallet.coins.stream().filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint()))
                .findFirst().orElseThrow().value();
        engine.onPrivate(DIRECT, true, TAKER, "tx", taker.txArgs(taker.honestTx(AMOUNT, ours, cjFee(), 0)));
        assertThat(out.sent("sig")).hasSize(1);
        assertThat(out.sent("sig").get(0).via()).contains(DIRECT);
    }

    @Test
    void answersOrderbookOnTheRequestChannel() {
        engine.onPublic(DIRECT, true, TAKER, "orderbook");
        assertThat(out.privates).hasSize(1);
        RecordingOutbox.Sent s = out.privates.get(0);
        assertThat(s.command()).isEqualTo("sw0reloffer");
        assertThat(s.via()).contains(DIRECT);
        assertThat(s.data()).startsWith("0 100000 ");
    }

    @Test
    void appendsTbondAfterTheOffersWhenWeHaveABond() {
        MakerEngine<String> bonded = new MakerEngine<>(MakerSettings.defaults("regtest"), wallet, chain, out, blacklist,
                history, n -> false, n -> Optional.of("PROOF" + n.value()), clock, new SecureRandom());
        bonded.refreshOffers(true);
        bonded.onPublic(DIR_A, false, TAKER, "orderbook");
        assertThat(out.privates.get(0).data()).endsWith("!tbond PROOF" + TAKER.value());
    }

    @Test
    void answersOrderbookWithOnePrivmsgPerDualOfferEachCarryingTheBond() {
        MakerSettings dual = MakerSettings.defaults("regtest").withOffers(
                jm.maker.offer.OfferConfig.defaults().withFees(new java.math.BigDecimal("0.0002"), 500, 0)
                        .withDualOffers(true)); // absolute below 2,500,000 sats, relative from there
        MakerEngine<String> bonded = new MakerEngine<>(dual, wallet, chain, out, blacklist, history, n -> false,
                n -> Optional.of("PROOF" + n.value()), clock, new SecureRandom());
        bonded.refreshOffers(true);
        List<Offer> offers = bonded.offers().offers();
        assertThat(offers).hasSize(2);
        bonded.onPublic(DIRECT, true, TAKER, "orderbook");
        assertThat(out.privates).hasSize(2);
        for (int i = 0; i < 2; i++) {
            RecordingOutbox.Sent s = out.privates.get(i);
            assertThat(s.command()).isEqualTo(offers.get(i).type().wireName());
            // exactly one offer per line (NG takers read only the first), then the bond
            assertThat(s.data()).isEqualTo(offers.get(i).toWireFields() + "!tbond PROOF" + TAKER.value());
            assertThat(s.via()).contains(DIRECT);
        }
    }

    @Test
    void answersOneOrderbookPerMessageHoweverManyItCarries() {
        engine.onPublic(DIRECT, true, TAKER, "cancel 0!orderbook");
        assertThat(out.privates).hasSize(1);
        engine.onPrivate(DIRECT, true, new Nick("J5B9wzGfEqdyZJLy"), "orderbook", "x!orderbook y");
        assertThat(out.privates).hasSize(2);
    }

    @Test
    void onlyATakerWhoseCommitmentWeVerifiedGoesAheadOfTheGlobalBudget() throws Exception {
        // the public budget (burst 50) is spent by 50 different nicks over direct connections
        for (int i = 0; i < 50; i++) {
            engine.onPublic("direct#" + (100 + i), true, floodNick(), "orderbook");
        }
        assertThat(out.privates).hasSize(50);
        // a bare !fill buys nothing: its !orderbook waits for the budget like anyone's
        engine.onPrivate(DIRECT, true, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        taker.onPubkey(last("pubkey"));
        int sent = out.privates.size();
        engine.onPublic(DIRECT, true, TAKER, "orderbook");
        assertThat(out.privates).hasSize(sent);
        // once its commitment is verified (!auth accepted, !ioauth sent) it is answered at once
        engine.onPrivate(DIRECT, true, TAKER, "auth", taker.authArgs(0));
        taker.onIoauth(last("ioauth"));
        sent = out.privates.size();
        engine.onPublic(DIRECT, true, TAKER, "orderbook");
        assertThat(out.privates.subList(sent, out.privates.size())).extracting(RecordingOutbox.Sent::to)
                .containsExactly(TAKER);
    }

    @Test
    void recomputesOffersWhenWeSignAndAgainWhenTheCoinJoinIsBroadcast() throws Exception {
        long amount = 4_000_000; // only the 5,000,000 coin of mixdepth 1 can fund it
        long maxBefore = engine.offers().offer(0).orElseThrow().maxSize().value();
        assertThat(maxBefore).isGreaterThan(amount);
        ScriptedTaker taker = new ScriptedTaker(TAKER, "rich", 6_000_000, BitcoinNetwork.REGTEST);
        chain.utxos.put(taker.utxo, new MakerChain.Utxo(Sats.of(taker.utxoValue), taker.utxoScript(), 10));
        engine.onPrivate(DIR_A, false, TAKER, "fill", taker.fillArgs(0, amount, 0));
        taker.onPubkey(last("pubkey"));
        engine.onPrivate(DIR_A, false, TAKER, "auth", taker.authArgs(0));
        IoAuthPayload io = taker.onIoauth(last("ioauth"));
        FakeMakerWallet.Coin1 ours = wallet.coins.stream()
                .filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint())).findFirst().orElseThrow();
        assertThat(ours.mixdepth()).isEqualTo(1);
        RawTx tx = taker.honestTx(amount, ours.value(), Fees.cjFee(engine.offers().offer(0).orElseThrow(), amount), 0);
        engine.onPrivate(DIR_A, false, TAKER, "tx", taker.txArgs(tx));
        assertThat(out.sent("sig")).hasSize(1);

        // signed: the coin is committed, the offers no longer count it (no sync, no tick needed)
        long maxAfterSign = engine.offers().offer(0).orElseThrow().maxSize().value();
        assertThat(maxAfterSign).isLessThan(3_000_000);
        Nick other = new Nick("J5B9wzGfEqdyZJLy");
        engine.onPublic(DIRECT, true, other, "orderbook");
        assertThat(out.privates.get(out.privates.size() - 1).data().split(" ")[2]).isEqualTo(Long.toString(maxAfterSign));
        ScriptedTaker second = new ScriptedTaker(other, "t2", 2_000_000, BitcoinNetwork.REGTEST);
        engine.onPrivate(DIR_A, false, other, "fill", second.fillArgs(0, amount, 0));
        assertThat(out.sent("error").get(out.sent("error").size() - 1).data()).isEqualTo("amount out of range");

        // the taker broadcasts it: the next tick sees it on the node, re-syncs the wallet at once
        Sha256Hash txid = Transaction.read(java.nio.ByteBuffer.wrap(tx.serialize())).getTxId();
        wallet.spentOnChain.add(ours.outpoint());
        int syncs = wallet.syncs;
        engine.tick();
        assertThat(wallet.syncs).isEqualTo(syncs);
        chain.confirmations.put(txid, 0);
        engine.tick();
        assertThat(wallet.syncs).isEqualTo(syncs + 1);
        assertThat(wallet.coins).extracting(FakeMakerWallet.Coin1::outpoint).doesNotContain(ours.outpoint());
        engine.tick();
        assertThat(wallet.syncs).as("asked once per broadcast").isEqualTo(syncs + 1);
        assertThat(engine.offers().offer(0).orElseThrow().maxSize().value()).isEqualTo(maxAfterSign);
    }

    /** Runs a CoinJoin up to our {@code !sig}s; returns its txid. */
    private Sha256Hash signCoinJoin() throws Exception {
        IoAuthPayload io = fillAndAuth(DIR_A, DIR_A);
        long ours = wallet.coins.stream().filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint()))
                .findFirst().orElseThrow().value();
        RawTx tx = taker.honestTx(AMOUNT, ours, cjFee(), 0);
        engine.onPrivate(DIR_A, false, TAKER, "tx", taker.txArgs(tx));
        assertThat(out.sent("sig")).hasSize(1);
        return Transaction.read(java.nio.ByteBuffer.wrap(tx.serialize())).getTxId();
    }

    @Test
    void ignoresALateSecondDeliveryOfTheFillItAcceptedAndCarriesOn() throws Exception {
        String fill = taker.fillArgs(0, AMOUNT, 0);
        engine.onPrivate(DIR_A, false, TAKER, "fill", fill);
        taker.onPubkey(last("pubkey"));
        engine.onPrivate(DIR_A, false, TAKER, "auth", taker.authArgs(0));
        IoAuthPayload io = taker.onIoauth(last("ioauth"));
        assertThat(blacklist.contains(taker.commitmentField(0).substring(1))).isTrue();

        // the same !fill again, after the relay de-duplication window: no "Commitment is blacklisted"
        clock.advance(Duration.ofSeconds(31));
        engine.onPrivate(DIR_B, false, TAKER, "fill", fill);
        assertThat(out.sent("error")).isEmpty();
        assertThat(out.sent("pubkey")).hasSize(1);
        assertThat(engine.sessionCount()).isOne();

        long ours = wallet.coins.stream().filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint()))
                .findFirst().orElseThrow().value();
        engine.onPrivate(DIR_A, false, TAKER, "tx", taker.txArgs(taker.honestTx(AMOUNT, ours, cjFee(), 0)));
        assertThat(out.sent("sig")).hasSize(1);
    }

    @Test
    void releasesTheCoinsOfASignedCoinJoinThatIsNeverBroadcastAfterTheTimeout() throws Exception {
        wallet.coins.remove(1); // only the coin of mixdepth 0: signing it away leaves nothing to offer
        engine.refreshOffers(false);
        List<Offer> before = engine.offers().offers();
        assertThat(before).hasSize(1);
        signCoinJoin();
        assertThat(wallet.reservations).hasSize(1);
        assertThat(engine.offers().isEmpty()).isTrue();

        clock.advance(BroadcastWatcher.SIGNED_RESERVATION_TIMEOUT.minusSeconds(1));
        engine.tick();
        assertThat(wallet.reservations).as("held while the taker may still broadcast").hasSize(1);
        assertThat(engine.offers().isEmpty()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        assertThat(wallet.reservations).isEmpty();
        assertThat(engine.offers().offers()).isEqualTo(before);
    }

    @Test
    void keepsTheCoinsOfASignedCoinJoinOnceItIsSeenOnTheNetwork() throws Exception {
        Sha256Hash txid = signCoinJoin();
        chain.confirmations.put(txid, 0);
        engine.tick();
        clock.advance(BroadcastWatcher.SIGNED_RESERVATION_TIMEOUT.plusHours(1));
        engine.tick();
        assertThat(wallet.reservations).hasSize(1);
        assertThat(wallet.signedInto).containsKey(txid);
    }

    @Test
    void takesOverTheSignedReservationsAnEarlierRunLeftAndTimesThemFromItsStart() throws Exception {
        Sha256Hash txid = signCoinJoin();
        Sha256Hash takers = Sha256Hash.of(new byte[] {1});
        wallet.signedInto.put(takers, "taker-1"); // not a maker session's: never ours to release
        wallet.reservations.put("taker-1", new java.util.HashSet<>(List.of(wallet.coins.get(1).outpoint())));
        MakerEngine<String> restarted = new MakerEngine<>(MakerSettings.defaults("regtest"), wallet, chain, out,
                blacklist, history, n -> false, n -> Optional.empty(), clock, new SecureRandom());
        clock.advance(Duration.ofHours(5));
        restarted.tick();
        assertThat(wallet.signedInto).containsOnlyKeys(txid, takers);
        clock.advance(BroadcastWatcher.SIGNED_RESERVATION_TIMEOUT);
        restarted.tick();
        assertThat(wallet.signedInto).containsOnlyKeys(takers);
        assertThat(wallet.reservations).containsOnlyKeys("taker-1");
    }

    @Test
    void releasesASessionThatTimedOutWhileAnotherTakersFillWasHandled() throws Exception {
        fillAndAuth(DIR_A, DIR_A);
        assertThat(wallet.reservations).hasSize(1);
        clock.advance(Duration.ofSeconds(301));
        Nick other = new Nick("J5B9wzGfEqdyZJLy");
        engine.onPrivate(DIR_A, false, other, "fill",
                new ScriptedTaker(other, "t2", 2_000_000, BitcoinNetwork.REGTEST).fillArgs(0, AMOUNT, 0));
        assertThat(engine.sessionCount()).isOne();
        engine.tick();
        assertThat(wallet.reservations).isEmpty();
    }

    private static Nick floodNick() {
        return jm.core.crypto.NickKey.random(new SecureRandom()).nick();
    }

    @Test
    void limitsRelayedOrderbookPerNick() {
        engine.onPublic(DIR_A, false, TAKER, "orderbook");
        engine.onPublic(DIR_B, false, TAKER, "orderbook");
        assertThat(out.privates).hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        engine.onPublic(DIR_B, false, TAKER, "orderbook");
        assertThat(out.privates).hasSize(2);
    }

    @Test
    void announcesOffersPubliclyAndWithdrawsThemWithCancel() {
        engine.tick();
        assertThat(out.publics).hasSize(1);
        assertThat(out.publics.get(0)).startsWith("sw0reloffer 0 100000 ");
        engine.withdrawOffers();
        assertThat(out.publics.get(1)).isEqualTo("cancel 0");
    }

    @Test
    void refusesBadPodleAndReleasesNothingBecauseNothingWasReserved() throws Exception {
        engine.onPrivate(DIR_A, false, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        taker.onPubkey(last("pubkey"));
        // proof for index 1 while the commitment was for index 0
        engine.onPrivate(DIR_A, false, TAKER, "auth", taker.authArgs(1));
        assertThat(out.sent("ioauth")).isEmpty();
        assertThat(last("error")).contains("PoDLE");
        assertThat(wallet.reservations).isEmpty();
        assertThat(blacklist.size()).isZero();
        assertThat(engine.sessionCount()).isZero();
    }

    @Test
    void refusesCommitmentUtxoWithTooFewConfirmationsOrTooSmall() throws Exception {
        chain.utxos.put(taker.utxo, new MakerChain.Utxo(Sats.of(taker.utxoValue), taker.utxoScript(), 4));
        engine.onPrivate(DIR_A, false, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        taker.onPubkey(last("pubkey"));
        engine.onPrivate(DIR_A, false, TAKER, "auth", taker.authArgs(0));
        assertThat(last("error")).contains("TOO_FEW_CONFIRMATIONS");

        chain.utxos.put(taker.utxo, new MakerChain.Utxo(Sats.of(199_999), taker.utxoScript(), 5));
        clock.advance(Duration.ofSeconds(31)); // an identical !fill within 30 s is a relayed duplicate
        engine.onPrivate(DIR_A, false, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        taker.onPubkey(last("pubkey"));
        engine.onPrivate(DIR_A, false, TAKER, "auth", taker.authArgs(0));
        assertThat(last("error")).contains("TOO_SMALL");
        assertThat(out.sent("ioauth")).isEmpty();
    }

    @Test
    void refusesFillWithBlacklistedCommitmentFromHp2Broadcast() {
        engine.onPublic(DIR_A, false, new Nick("J59ZjjDtY2v1G1F9"), "hp2 " + taker.commitmentField(0).substring(1));
        engine.onPrivate(DIR_A, false, TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        assertThat(out.sent("pubkey")).isEmpty();
        assertThat(last("error")).startsWith("Commitment is blacklisted: ");
    }

    @Test
    void cancelsOffersThatDisappearWhenTheBalanceIsGone() {
        wallet.coins.clear();
        assertThat(engine.refreshOffers(false)).isTrue();
        assertThat(engine.offers().isEmpty()).isTrue();
        assertThat(out.publics).contains("cancel 0");
    }

    @Test
    void boundsBlacklistGrowthFromHp2Floods() {
        Nick spammer = new Nick("J59ZjjDtY2v1G1F9");
        for (int i = 0; i < 1_000; i++) {
            engine.onPublic(DIR_A, false, spammer, "hp2 " + String.format("%064x", i));
        }
        assertThat(blacklist.size()).isEqualTo(100);
        // direct connections never feed the blacklist
        engine.onPublic(DIRECT, true, TAKER, "hp2 " + "ee".repeat(32));
        assertThat(blacklist.contains("ee".repeat(32))).isFalse();
    }

    @Test
    void ignoresFillFromOurOwnTaker() {
        engine.onPrivate(DIR_A, false, OWN_TAKER, "fill", taker.fillArgs(0, AMOUNT, 0));
        assertThat(out.privates).isEmpty();
    }

    @Test
    void releasesReservedInputsWhenTheSessionTimesOut() throws Exception {
        fillAndAuth(DIR_A, DIR_A);
        assertThat(wallet.reservations).hasSize(1);
        clock.advance(Duration.ofSeconds(301));
        engine.tick();
        assertThat(wallet.reservations).isEmpty();
    }

    @Test
    void refusedTxSignsNothingAndTellsTheTaker() throws Exception {
        IoAuthPayload io = fillAndAuth(DIR_A, DIR_A);
        long ours = wallet.coins.stream().filter(c -> c.outpoint().equals(io.utxos().get(0).outPoint()))
                .findFirst().orElseThrow().value();
        RawTx tx = taker.honestTx(AMOUNT, ours, cjFee(), 0);
        tx.outputs.get(1).value -= 1;
        engine.onPrivate(DIR_A, false, TAKER, "tx", taker.txArgs(tx));
        assertThat(out.sent("sig")).isEmpty();
        assertThat(wallet.signCalls).isEmpty();
        assertThat(last("error")).isEqualTo("transaction rejected: CHANGE_OUTPUT_SHORT");
    }

    @Test
    void survivesGarbageFromAnyChannel() {
        for (String[] m : new String[][] {{"fill", "x"}, {"auth", "!!!"}, {"tx", ""}, {"push", "@@"}, {"nope", "1"},
                {"sig", "abc"}, {"fill", "0 1000000 zz P00"}}) {
            engine.onPrivate(DIR_A, false, TAKER, m[0], m[1]);
        }
        engine.onPublic(DIR_A, false, TAKER, "orderbook!orderbook");
        engine.onPublic(DIR_A, false, TAKER, "hp2 nothex");
        engine.onPublic(DIR_A, false, TAKER, "");
        assertThat(out.sent("pubkey")).isEmpty();
        assertThat(blacklist.size()).isZero();
        assertThat(engine.offers().offers()).hasSize(1);
        assertThat(Map.of()).isEmpty();
    }
}
