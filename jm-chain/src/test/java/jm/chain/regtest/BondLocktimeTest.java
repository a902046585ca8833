package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import jm.chain.ChainNotFoundException;
import jm.chain.TransactionRejectedException;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.bond.FidelityBondScripts;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fidelity-bond spend walked across its locktime with the node's mock time, against Core's
 * rules: final only once the tip's median time past is strictly above nLockTime
 * (LOCKTIME_MEDIAN_TIME_PAST), and OP_CHECKLOCKTIMEVERIFY against the transaction's nLockTime.
 */
class BondLocktimeTest {
    /** 2027-01-01, timenumber 84. */
    static final long LOCKTIME = 1_798_761_600L;

    @TempDir
    Path dir;
    RegtestNode node;
    BitcoinCoreBackend backend;

    @BeforeEach
    void start() {
        node = RegtestNode.start(dir, 0);
        backend = new BitcoinCoreBackend(RegtestNodeTest.client(node, ""));
    }

    @AfterEach
    void stop() {
        backend.close();
        node.close();
    }

    private void moveMedianTimeTo(long time) {
        node.advanceMedianTimePast(time);
        assertThat(backend.tipMedianTime()).isEqualTo(time);
    }

    @Test
    void bondSpendIsNonFinalUntilMedianTimePastPassesTheLocktime() {
        moveMedianTimeTo(LOCKTIME - 86_400);
        ECKey key = new ECKey();
        byte[] ws = FidelityBondScripts.freezeScript(LOCKTIME, key.getPubKey());
        Sha256Hash txid = node.fund(SegwitAddress.fromHash(BitcoinNetwork.REGTEST, Sha256Hash.hash(ws)),
                Sats.of(5_000_000));
        node.mine(1, null);
        OutPoint bond = new OutPoint(txid, 0);
        byte[] spend = spend(bond, 5_000_000, key, ws, LOCKTIME);

        assertNonFinal(spend);
        moveMedianTimeTo(LOCKTIME); // Core: final only when nLockTime < median time past
        assertNonFinal(spend);
        moveMedianTimeTo(LOCKTIME + 1);
        assertThat(node.submit(spend)).isEqualTo(Transaction.read(java.nio.ByteBuffer.wrap(spend)).getTxId());
        node.mine(1, null);
        assertThat(backend.getTxOut(bond, true)).isEmpty();
    }

    @Test
    void finalTransactionWithNLockTimeBelowTheScriptsFailsCheckLockTimeVerify() {
        moveMedianTimeTo(LOCKTIME + 86_400);
        ECKey key = new ECKey();
        byte[] ws = FidelityBondScripts.freezeScript(LOCKTIME, key.getPubKey());
        Sha256Hash txid = node.fund(SegwitAddress.fromHash(BitcoinNetwork.REGTEST, Sha256Hash.hash(ws)),
                Sats.of(5_000_000));
        node.mine(1, null);
        assertThatThrownBy(() -> node.submit(spend(new OutPoint(txid, 0), 5_000_000, key, ws, LOCKTIME - 1)))
                .isInstanceOfSatisfying(TransactionRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(-26);
                    assertThat(e.reason()).startsWith(
                            "mempool-script-verify-flag-failed (Locktime requirement not satisfied), input 0");
                });
        // a final sequence disables nLockTime, and CHECKLOCKTIMEVERIFY then fails whatever the time
        assertThatThrownBy(() -> node.submit(spend(new OutPoint(txid, 0), 5_000_000, key, ws, LOCKTIME, 0xFFFFFFFFL)))
                .isInstanceOfSatisfying(TransactionRejectedException.class,
                        e -> assertThat(e.reason()).contains("Locktime requirement not satisfied"));
        assertThat(node.submit(spend(new OutPoint(txid, 0), 5_000_000, key, ws, LOCKTIME))).isNotNull();
    }

    @Test
    void blockTimeIsTheHeaderTimeOfTheBlockAtAHeight() {
        node.setMockTime(1_800_000_000L);
        node.mine(1, null);
        long h = backend.tipHeight();
        node.setMockTime(1_800_000_600L);
        node.mine(1, null);
        assertThat(backend.blockTime(h)).isEqualTo(1_800_000_000L);
        assertThat(backend.blockTime(h + 1)).isEqualTo(1_800_000_600L);
        assertThatThrownBy(() -> backend.blockTime(h + 2)).isInstanceOf(ChainNotFoundException.class);
        assertThatThrownBy(() -> backend.blockTime(-1)).isInstanceOf(ChainNotFoundException.class);
    }

    private void assertNonFinal(byte[] spend) {
        assertThatThrownBy(() -> node.submit(spend)).isInstanceOfSatisfying(TransactionRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(-26);
            assertThat(e.reason()).isEqualTo("non-final");
        });
    }

    private static byte[] spend(OutPoint op, long value, ECKey key, byte[] ws, long lockTime) {
        return spend(op, value, key, ws, lockTime, 0xFFFFFFFEL);
    }

    private static byte[] spend(OutPoint op, long value, ECKey key, byte[] ws, long lockTime, long sequence) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(op.txid(), op.vout(), new ScriptBuilder().build());
        tx.replaceInput(0, tx.getInput(0).withSequence(sequence));
        tx.addOutput(Coin.valueOf(value - 10_000), SegwitAddress.fromHash(BitcoinNetwork.REGTEST, key.getPubKeyHash()));
        tx.setLockTime(lockTime);
        TransactionSignature sig = tx.calculateWitnessSignature(0, key, Script.parse(ws), Coin.valueOf(value),
                Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.of(sig.encodeToBitcoin(), ws)));
        return tx.serialize();
    }
}
