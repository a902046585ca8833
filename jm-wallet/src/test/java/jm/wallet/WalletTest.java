package jm.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import jm.chain.DescriptorImport;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.testing.MutableClock;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.InsufficientFundsException;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.errors.WalletException;
import jm.wallet.keys.Branch;
import jm.wallet.keys.KeyPath;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletAddress;
import jm.wallet.keys.WalletType;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;
import jm.wallet.store.StateStore;
import jm.wallet.store.WrongPasswordException;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletTest {
    static final Mnemonic ABOUT = Mnemonic.parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    final FakeChainBackend chain = new FakeChainBackend(Network.REGTEST);

    Wallet memoryWallet(WalletType type) {
        return Wallet.fromMnemonic("t", ABOUT, Passphrase.NONE,
                new WalletConfig(Network.REGTEST, type, 5, 20), StateStore.inMemory(), clock, 0);
    }

    Wallet fileWallet(String name) {
        return Wallet.create(WalletStorage.inDataDir(dir), name, ABOUT, Passphrase.NONE, false, Password.of("pw"),
                WalletConfig.defaults(Network.REGTEST), KdfParams.TESTING, new SecureRandom(), clock, 0);
    }

    Wallet reopen(String name) {
        return Wallet.open(WalletStorage.inDataDir(dir), name, Password.of("pw"), Passphrase.NONE, 20, clock);
    }

    static OutPoint fund(FakeChainBackend chain, WalletAddress a, long sats, int conf) {
        return chain.pay(a.address(), a.scriptPubKey(), sats, conf);
    }

    /** A version-2 transaction spending {@code inputs} (unsigned) to one output of {@code sats} to {@code to}. */
    static Transaction unsignedTx(List<OutPoint> inputs, long sats, WalletAddress to) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (OutPoint o : inputs) {
            tx.addInput(new TransactionInput(tx, new byte[0], new TransactionOutPoint(o.vout(), o.txid()), Coin.ZERO));
        }
        tx.addOutput(Coin.valueOf(sats), Script.parse(to.scriptPubKey()));
        return tx;
    }

    /** Pays each amount, 6 confirmations, to the next external address of mixdepth 0, then syncs. */
    static List<OutPoint> fundExternalAndSync(Wallet w, FakeChainBackend chain, long... sats) {
        List<OutPoint> coins = new ArrayList<>();
        for (int i = 0; i < sats.length; i++) {
            coins.add(fund(chain, w.deriveAddress(0, Branch.EXTERNAL, i), sats[i], 6));
        }
        w.sync(chain);
        return coins;
    }

    @Test
    void freshAddressesAreNeverHandedOutTwiceAcrossReopen() {
        Wallet w = fileWallet("w");
        Set2 seen = new Set2();
        for (int i = 0; i < 3; i++) {
            seen.add(w.freshAddress(1, Branch.INTERNAL).address());
        }
        w.close();
        Wallet again = reopen("w");
        assertThat(again.nextIndex(1, Branch.INTERNAL)).isEqualTo(3);
        seen.add(again.freshAddress(1, Branch.INTERNAL).address());
        assertThat(seen.all).hasSize(4);
        assertThat(again.freshAddress(0, Branch.EXTERNAL).path().toString()).isEqualTo("m/84'/1'/0'/0/0");
    }

    @Test
    void labelsArePersistedAsBip329Records() throws Exception {
        Wallet w = fileWallet("labels");
        String a = w.freshAddress(0, Branch.EXTERNAL).address();
        OutPoint o = OutPoint.of("ef".repeat(32), 2);
        w.labelAddress(a, "from Alice");
        w.labelOutput(o, "salary");
        String text = java.nio.file.Files.readString(WalletStorage.inDataDir(dir).stateFile("labels"));
        assertThat(text).contains("{\"type\":\"addr\",\"ref\":\"" + a + "\",\"label\":\"from Alice\"}");
        w.close();
        Wallet again = reopen("labels");
        assertThat(again.addressLabels()).containsEntry(a, "from Alice");
        assertThat(again.outputLabels()).containsEntry(o, "salary");
        again.labelAddress(a, "");
        again.close();
        assertThat(reopen("labels").addressLabels()).isEmpty();
    }

    static final class Set2 {
        final List<String> all = new ArrayList<>();

        void add(String s) {
            assertThat(all).doesNotContain(s);
            all.add(s);
        }
    }

    @Test
    void wrongPasswordAndWrongPassphraseAreClearErrors() {
        Wallet.create(WalletStorage.inDataDir(dir), "pp", ABOUT, Passphrase.of("ext"), false, Password.of("pw"),
                WalletConfig.defaults(Network.REGTEST), KdfParams.TESTING, new SecureRandom(), clock, 0).close();
        assertThatThrownBy(() -> Wallet.open(WalletStorage.inDataDir(dir), "pp", Password.of("nope"), null, 20, clock))
                .isInstanceOf(WrongPasswordException.class);
        assertThatThrownBy(() -> Wallet.open(WalletStorage.inDataDir(dir), "pp", Password.of("pw"), Passphrase.NONE,
                20, clock)).isInstanceOf(WalletException.class).hasMessageContaining("passphrase does not match");
        Wallet ok = Wallet.open(WalletStorage.inDataDir(dir), "pp", Password.of("pw"), Passphrase.of("ext"), 20, clock);
        assertThat(ok.deriveAddress(0, Branch.EXTERNAL, 0).address())
                .isNotEqualTo(memoryWallet(WalletType.P2WPKH).deriveAddress(0, Branch.EXTERNAL, 0).address());
    }

    @Test
    void importsDescriptorsForEveryBranchWithTheGapLimit() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        w.freshAddress(2, Branch.EXTERNAL);
        w.bondAddress(84);
        List<DescriptorImport> d = w.descriptors(0);
        assertThat(d).hasSize(11);
        assertThat(d.get(0).descriptor()).isEqualTo("wpkh(" + w.accountExport(0).substring("fbonds-mpk-".length()) + "/0/*)");
        assertThat(d.get(0).rangeEnd()).isEqualTo(19);
        assertThat(d.get(4).descriptor()).endsWith("/0/*)");
        assertThat(d.get(4).rangeEnd()).isEqualTo(20);
        assertThat(d.get(1).internal()).isTrue();
        assertThat(d.get(10).descriptor()).isEqualTo("addr(" + w.bondAddress(84).address() + ")");
    }

    @Test
    void syncAssignsCoinsToMixdepthsAndExtendsTheWatchedRange() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        fund(chain, w.deriveAddress(0, Branch.EXTERNAL, 0), 100_000, 3);
        fund(chain, w.deriveAddress(3, Branch.INTERNAL, 19), 50_000, 0);
        chain.pay("bcrt1qnotourswhatsoever", new byte[22], 1, 1);
        SyncReport r = w.sync(chain);
        assertThat(r.coins()).isEqualTo(2);
        assertThat(w.nextIndex(3, Branch.INTERNAL)).isEqualTo(20);
        assertThat(w.nextIndex(0, Branch.EXTERNAL)).isEqualTo(1);
        assertThat(chain.imports).hasSize(2);
        assertThat(chain.imports.get(1).get(7).rangeEnd()).isEqualTo(39);
        assertThat(w.balance(0).confirmed()).isEqualTo(new Sats(100_000));
        assertThat(w.balance(3).unconfirmed()).isEqualTo(new Sats(50_000));
        assertThat(w.coins(3).get(0).path().toString()).isEqualTo("m/84'/1'/3'/1/19");
    }

    @Test
    void coinsArrivingOnAnAlreadyUsedAddressAreFrozen() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        WalletAddress a = w.freshAddress(0, Branch.EXTERNAL);
        OutPoint first = fund(chain, a, 100_000, 6);
        assertThat(w.sync(chain).reuseFrozen()).isEmpty();
        OutPoint second = fund(chain, a, 7_000, 1);
        SyncReport r = w.sync(chain);
        assertThat(r.reuseFrozen()).containsExactly(second);
        assertThat(w.isFrozen(second)).isTrue();
        assertThat(w.isFrozen(first)).isFalse();
        assertThat(w.balance(0).frozen()).isEqualTo(new Sats(7_000));
        // still frozen when the first coin is spent, and unfreezing sticks
        chain.spend(first);
        w.sync(chain);
        assertThat(w.isFrozen(second)).isTrue();
        w.unfreeze(second);
        w.sync(chain);
        assertThat(w.isFrozen(second)).isFalse();
    }

    @Test
    void reuseProtectionCanBeSwitchedOff() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        w.setReuseProtection(false);
        WalletAddress a = w.freshAddress(0, Branch.EXTERNAL);
        fund(chain, a, 100_000, 6);
        w.sync(chain);
        OutPoint second = fund(chain, a, 7_000, 1);
        assertThat(w.sync(chain).reuseFrozen()).isEmpty();
        assertThat(w.isFrozen(second)).isFalse();
    }

    @Test
    void reuseProtectionAlsoAppliesWhenBothDepositsAreFoundInOneSync() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        WalletAddress a = w.deriveAddress(1, Branch.EXTERNAL, 4);
        OutPoint older = fund(chain, a, 100_000, 10);
        OutPoint newer = fund(chain, a, 1_000, 2);
        SyncReport r = w.sync(chain);
        assertThat(r.reuseFrozen()).containsExactly(newer);
        assertThat(w.isFrozen(older)).isFalse();
    }

    @Test
    void selectionNeverPicksFrozenBondOrReservedCoinsAndRespectsMinConf() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        OutPoint frozen = fund(chain, w.deriveAddress(0, Branch.EXTERNAL, 0), 900_000, 6);
        OutPoint reserved = fund(chain, w.deriveAddress(0, Branch.EXTERNAL, 1), 800_000, 6);
        OutPoint unconf = fund(chain, w.deriveAddress(0, Branch.EXTERNAL, 2), 700_000, 0);
        BondAddress bond = w.bondAddress(84);
        OutPoint bondCoin = chain.pay(bond.address(), bond.scriptPubKey(), 5_000_000, 6);
        OutPoint a = fund(chain, w.deriveAddress(0, Branch.INTERNAL, 0), 100_000, 6);
        OutPoint b = fund(chain, w.deriveAddress(0, Branch.INTERNAL, 1), 200_000, 1);
        w.sync(chain);
        w.freeze(frozen);
        w.reserve(List.of(reserved), "session-a", Duration.ofMinutes(10));
        assertThat(w.balance(0).bond()).isEqualTo(new Sats(5_000_000));
        assertThat(w.bondCoins()).hasSize(1);
        w.bondCoins().forEach((coin, addr) -> {
            assertThat(coin.outpoint()).isEqualTo(bondCoin);
            assertThat(addr.locktime()).isEqualTo(jm.core.bond.TimeNumber.toLocktime(84));
        });
        assertThat(w.keyFor(bondCoin).getPubKey()).isEqualTo(bond.pubKey());
        for (MergeAlgorithm alg : MergeAlgorithm.values()) {
            List<OutPoint> picked = w.selectForMaker(0, new Sats(250_000), alg, 1, new Random(3)).stream()
                    .map(WalletCoin::outpoint).toList();
            assertThat(picked).containsExactlyInAnyOrder(a, b).doesNotContain(frozen, reserved, unconf, bondCoin);
        }
        assertThat(w.sweep(0, 1)).extracting(WalletCoin::outpoint).containsExactlyInAnyOrder(a, b);
        assertThat(w.sweep(0, 0)).extracting(WalletCoin::outpoint).containsExactlyInAnyOrder(a, b, unconf);
        assertThat(w.selectForTaker(0, new Sats(150_000), 1)).extracting(WalletCoin::outpoint).containsExactly(b);
        assertThatThrownBy(() -> w.selectForTaker(0, new Sats(300_001), 1)).isInstanceOf(InsufficientFundsException.class);
        assertThatThrownBy(() -> w.selectForTaker(0, new Sats(100_000), 7)).isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void reservationsConflictAndExpireAndThoseOfAnEndedRunThatSignedNothingAreReleasedAtOpen() {
        Wallet w = fileWallet("locks");
        List<OutPoint> coins = fundExternalAndSync(w, chain, 100_000, 200_000);
        OutPoint c1 = coins.get(0);
        OutPoint c2 = coins.get(1);
        List<WalletCoin> got = w.selectAndReserveForMaker(0, new Sats(150_000), MergeAlgorithm.DEFAULT, 1,
                new Random(), "taker-1", Duration.ofMinutes(60));
        assertThat(got).extracting(WalletCoin::outpoint).containsExactly(c2);
        assertThat(w.isReserved(c2)).isTrue();
        assertThatThrownBy(() -> w.reserve(List.of(c2), "taker-2", Duration.ofMinutes(1)))
                .isInstanceOf(WalletException.class).hasMessageContaining("already reserved").hasMessageContaining("taker-1");
        assertThat(w.eligible(0, 1)).extracting(WalletCoin::outpoint).containsExactly(c1);
        clock.advance(Duration.ofMinutes(61));
        assertThat(w.isReserved(c2)).isFalse();
        w.reserve(List.of(c2), "taker-2", Duration.ofMinutes(1));
        w.releaseOwner("taker-2");
        assertThat(w.isReserved(c2)).isFalse();

        w.reserve(List.of(c1, c2), "taker-3", Duration.ofMinutes(60));
        w.close(); // the process ends without releasing (kill -9): the reservation is on disk
        assertThat(WalletStorage.inDataDir(dir).stateFile("locks")).content().contains("taker-3");
        Wallet after = reopen("locks");
        assertThat(after.releasedAtOpen()).containsExactlyInAnyOrder(c1, c2);
        after.sync(chain);
        assertThat(after.isReserved(c1)).isFalse();
        assertThat(after.eligible(0, 1)).extracting(WalletCoin::outpoint).containsExactlyInAnyOrder(c1, c2);
    }

    @Test
    void aSpentCoinIsForgottenAtTheNextSyncUnlessItIsReserved() {
        Wallet w = fileWallet("records");
        List<OutPoint> coins = fundExternalAndSync(w, chain, 300_000, 100_000);
        OutPoint reserved = coins.get(0);
        OutPoint spent = coins.get(1);
        w.reserve(List.of(reserved), "maker-session-1", Duration.ofMinutes(10));
        chain.utxos.clear(); // both leave the unspent set (spent in the mempool)
        w.sync(chain);
        assertThat(w.coins()).isEmpty();
        assertThat(w.keyFor(reserved).getPubKey()).isEqualTo(w.deriveAddress(0, Branch.EXTERNAL, 0).pubKey());
        assertThatThrownBy(() -> w.keyFor(spent)).isInstanceOf(WalletException.class)
                .hasMessageContaining("not a coin of wallet");
    }

    @Test
    void aSignedReservationIsHeldAcrossRestartUntilItsTransactionConfirmsOrBecomesImpossible() {
        Wallet w = fileWallet("signed");
        List<OutPoint> coins = fundExternalAndSync(w, chain, 300_000, 100_000);
        OutPoint mine = coins.get(0);
        OutPoint other = coins.get(1);
        OutPoint theirs = OutPoint.of("ab".repeat(32), 1);
        w.reserve(List.of(mine), "maker-session-1", Duration.ofMinutes(10));
        Transaction tx = unsignedTx(List.of(theirs, mine), 250_000, w.deriveAddress(1, Branch.INTERNAL, 0));
        w.sign(tx, List.of(mine));
        w.releaseOwner("maker-session-1"); // a session ending does not free a signed coin
        assertThat(w.isReserved(mine)).isTrue();
        w.close();

        Wallet after = reopen("signed");
        assertThat(after.releasedAtOpen()).isEmpty();
        chain.foreignUnspent.add(theirs); // the other input is still unspent: the transaction may still confirm
        after.sync(chain);
        clock.advance(Duration.ofHours(5)); // no expiry for a signed reservation
        assertThat(after.isReserved(mine)).isTrue();
        assertThat(Wallet.describe(after.reservations().get(mine))).contains(tx.getTxId().toString());
        assertThat(after.eligible(0, 1)).extracting(WalletCoin::outpoint).containsExactly(other);
        assertThatThrownBy(() -> after.reserve(List.of(mine), "maker-session-1", Duration.ofMinutes(1)))
                .isInstanceOf(WalletException.class).hasMessageContaining("signed into transaction");

        chain.foreignUnspent.remove(theirs); // the taker's input was spent by another transaction in a block
        after.sync(chain);
        assertThat(after.isReserved(mine)).isFalse();
        assertThat(after.eligible(0, 1)).extracting(WalletCoin::outpoint).containsExactlyInAnyOrder(mine, other);
    }

    @Test
    void aSecondWriterIsRefusedWhileAReadOnlyOpenWorksAlongsideAndNeverWrites() throws Exception {
        Wallet writer = fileWallet("shared");
        fund(chain, writer.deriveAddress(0, Branch.EXTERNAL, 0), 100_000, 6);
        OutPoint frozen = OutPoint.of("ee".repeat(32), 0);
        writer.freeze(frozen);
        Path stateFile = WalletStorage.inDataDir(dir).stateFile("shared");
        byte[] before = java.nio.file.Files.readAllBytes(stateFile);
        assertThatThrownBy(() -> reopen("shared")).isInstanceOf(jm.wallet.store.WalletInUseException.class);

        Wallet reader = Wallet.openReadOnly(WalletStorage.inDataDir(dir), "shared", Password.of("pw"), Passphrase.NONE,
                20, clock);
        assertThat(reader.readOnly()).isTrue();
        reader.sync(chain); // learns a coin and raises indices: in memory only
        assertThat(reader.coins()).hasSize(1);
        assertThat(reader.isFrozen(frozen)).isTrue();
        assertThat(reader.recordedDepositAddress(0)).isEmpty();
        assertThat(java.nio.file.Files.readAllBytes(stateFile)).isEqualTo(before);
        writer.close();
        assertThat(reopen("shared").isFrozen(frozen)).isTrue();
    }

    @Test
    void releaseByHandFreesSignedReservationsToo() {
        Wallet w = fileWallet("byhand");
        OutPoint o = OutPoint.of("cd".repeat(32), 0);
        w.reserve(List.of(o), "taker", Duration.ofMinutes(10));
        assertThat(w.releaseByHand(List.of(o, OutPoint.of("cd".repeat(32), 1)))).containsExactly(o);
        assertThat(w.isReserved(o)).isFalse();
    }

    @Test
    void signaturesVerifyUnderAnIndependentInterpreter() throws Exception {
        for (WalletType type : WalletType.values()) {
            Wallet w = memoryWallet(type);
            var chain = new FakeChainBackend(Network.REGTEST);
            OutPoint mine1 = fund(chain, w.deriveAddress(1, Branch.EXTERNAL, 0), 300_000, 6);
            OutPoint mine2 = fund(chain, w.deriveAddress(1, Branch.INTERNAL, 3), 400_000, 6);
            w.sync(chain);
            Transaction tx = unsignedTx(List.of(mine2, mine1), 650_000, w.deriveAddress(2, Branch.INTERNAL, 0));
            Map<OutPoint, InputSignature> sigs = w.sign(tx, List.of(mine1, mine2));
            assertThat(sigs.keySet()).containsExactly(mine2, mine1);
            assertThat(sigs.get(mine2).inputIndex()).isZero();
            KmpVerifier.verifyAllInputs(tx, w.coins(1));
            // a changed locktime invalidates the signatures (SIGHASH_ALL)
            Transaction tampered = Transaction.read(java.nio.ByteBuffer.wrap(tx.serialize()));
            tampered.setLockTime(123);
            assertThatThrownBy(() -> KmpVerifier.verifyAllInputs(tampered, w.coins(1)))
                    .as(type + " tampered").isInstanceOf(RuntimeException.class);
            for (InputSignature s : sigs.values()) {
                byte[] der = java.util.Arrays.copyOf(s.signature(), s.signature().length - 1);
                assertThat(s.signature()[s.signature().length - 1]).isEqualTo((byte) 1);
                assertThat(ECKey.ECDSASignature.decodeFromDER(der).isCanonical()).isTrue();
                assertThat(TransactionSignature.isEncodingCanonical(s.signature())).isTrue();
                byte[] blob = s.scriptPushBlob();
                assertThat(blob[0]).isEqualTo((byte) s.signature().length);
                assertThat(blob.length).isEqualTo(type == WalletType.P2WPKH ? 2 + s.signature().length + 33
                        : 3 + s.signature().length + 33 + 22);
            }
        }
    }

    @Test
    void refusesToSignForeignBondOrMissingInputs() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        BondAddress bond = w.bondAddress(0);
        OutPoint bondCoin = chain.pay(bond.address(), bond.scriptPubKey(), 100_000, 6);
        OutPoint mine = fund(chain, w.deriveAddress(0, Branch.EXTERNAL, 0), 100_000, 6);
        w.sync(chain);
        Transaction tx = new Transaction();
        tx.addInput(new TransactionInput(tx, new byte[0], new TransactionOutPoint(bondCoin.vout(), bondCoin.txid()),
                Coin.ZERO));
        tx.addOutput(Coin.valueOf(90_000), Script.parse(w.deriveAddress(0, Branch.INTERNAL, 0).scriptPubKey()));
        assertThatThrownBy(() -> w.sign(tx, List.of(bondCoin))).hasMessageContaining("fidelity-bond");
        assertThatThrownBy(() -> w.sign(tx, List.of(mine))).hasMessageContaining("not an input");
        OutPoint stranger = new OutPoint(Sha256Hash.of(new byte[] {1}), 0);
        tx.addInput(new TransactionInput(tx, new byte[0], new TransactionOutPoint(0, stranger.txid()), Coin.ZERO));
        assertThatThrownBy(() -> w.sign(tx, List.of(stranger))).hasMessageContaining("not a coin");
        assertThat(w.keyFor(mine).getPubKey()).isEqualTo(w.deriveAddress(0, Branch.EXTERNAL, 0).pubKey());
        assertThat(w.pathOf(bond.address())).contains(new KeyPath(84, 1, 0, Branch.BOND, 0));
    }

    @Test
    void plainSendPaysAmountWithChangeAndVerifies() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        fund(chain, w.deriveAddress(2, Branch.EXTERNAL, 0), 60_000, 6);
        fund(chain, w.deriveAddress(2, Branch.EXTERNAL, 1), 70_000, 6);
        w.sync(chain);
        String dest = w.deriveAddress(4, Branch.EXTERNAL, 0).address();
        SendPlan p = w.createSend(2, dest, Optional.of(new Sats(100_000)), 5, 1);
        assertThat(p.inputs()).hasSize(2);
        assertThat(p.change()).isPresent();
        assertThat(p.change().get().path().toString()).isEqualTo("m/84'/1'/2'/1/0");
        long out = p.transaction().getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
        assertThat(130_000 - out).isEqualTo(p.fee().value());
        assertThat(p.fee().value()).isBetween(5L * p.transaction().getVsize(), 5L * p.transaction().getVsize() + 10);
        KmpVerifier.verifyAllInputs(p.transaction(), p.inputs());

        SendPlan sweep = w.createSend(2, dest, Optional.empty(), 2, 1);
        assertThat(sweep.transaction().getOutputs()).hasSize(1);
        assertThat(sweep.amount().value() + sweep.fee().value()).isEqualTo(130_000);
        KmpVerifier.verifyAllInputs(sweep.transaction(), sweep.inputs());
        assertThatThrownBy(() -> w.createSend(2, "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", Optional.empty(), 2, 1))
                .hasMessageContaining("not a valid regtest address");
    }

    @Test
    void depositAddressIsStableUntilUsed() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        WalletAddress d1 = w.depositAddress(1);
        assertThat(w.depositAddress(1)).isEqualTo(d1);
        fund(chain, d1, 10_000, 1);
        w.sync(chain);
        assertThat(w.depositAddress(1).path().index()).isEqualTo(1);
        assertThat(new HashSet<>(List.of(d1.address(), w.depositAddress(1).address()))).hasSize(2);
    }

    @Test
    void depositAddressSkipsAnAddressWhoseCoinWasSpentBeforeTheFirstSync() {
        Wallet w = memoryWallet(WalletType.P2WPKH);
        OutPoint gone = fund(chain, w.deriveAddress(0, Branch.EXTERNAL, 0), 10_000, 3);
        chain.spend(gone);
        w.sync(chain);
        assertThat(w.nextIndex(0, Branch.EXTERNAL)).isEqualTo(1);
        assertThat(w.depositAddress(0).path().index()).isEqualTo(1);
    }
}
