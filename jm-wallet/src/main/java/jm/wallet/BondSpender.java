package jm.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.errors.WalletException;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.WalletCoin;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Spends an expired fidelity bond: one input, the whole coin to one address less the miner fee.
 * The freeze script's {@code OP_CHECKLOCKTIMEVERIFY} needs nLockTime = the bond's locktime and a
 * non-final sequence (0xfffffffe); the witness is {@code <sig> <freeze script>}. Nodes accept it
 * once the tip's median time past is above the locktime (BIP113), so it is refused before that
 * with the date it becomes spendable.
 */
public final class BondSpender {
    /** Non-final, no RBF signal: enables nLockTime (and so CHECKLOCKTIMEVERIFY). */
    static final long SEQUENCE = 0xFFFF_FFFEL;

    private final Wallet wallet;

    public BondSpender(Wallet wallet) {
        this.wallet = wallet;
    }

    /**
     * Builds and signs the spend (not broadcast).
     *
     * @param bond            the bond coin (from the wallet's last sync)
     * @param destination     address paid
     * @param feeRateSatPerVb miner fee rate
     * @param medianTimePast  the chain tip's median time past (Unix seconds)
     * @throws WalletException if the outpoint is not a bond of this wallet, is still locked, or
     *                         would leave less than dust after the fee
     */
    public SendPlan spend(OutPoint bond, String destination, long feeRateSatPerVb, long medianTimePast) {
        if (feeRateSatPerVb < 1 || feeRateSatPerVb > 10_000) {
            throw new WalletException("fee rate must be 1..10000 sat/vB: " + feeRateSatPerVb);
        }
        Map.Entry<WalletCoin, BondAddress> found = wallet.bondCoins().entrySet().stream()
                .filter(e -> e.getKey().outpoint().equals(bond)).findFirst()
                .orElseThrow(() -> new WalletException("not a fidelity bond of wallet '" + wallet.name() + "': "
                        + bond + " (see 'jm wallet bonds')"));
        WalletCoin coin = found.getKey();
        BondAddress address = found.getValue();
        checkExpired(bond, address.locktime(), medianTimePast);
        Address dest = wallet.parseAddress(destination);

        // size with a 72-byte placeholder signature (the longest DER + sighash byte)
        long vsize = build(coin, address, dest, coin.sats(), new byte[72]).getVsize();
        long fee = feeRateSatPerVb * vsize;
        long pay = coin.sats() - fee;
        if (pay < Wallet.CHANGE_DUST_SATS) {
            throw new WalletException("bond " + bond + " holds " + coin.sats() + " sats: after the " + fee
                    + " sats fee less than " + Wallet.CHANGE_DUST_SATS + " sats would be left");
        }
        Transaction unsigned = build(coin, address, dest, pay, new byte[0]);
        ECKey key = wallet.keyFor(coin.outpoint());
        TransactionSignature sig = unsigned.calculateWitnessSignature(0, key, Script.parse(address.witnessScript()),
                Coin.valueOf(coin.sats()), Transaction.SigHash.ALL, false);
        Transaction signed = build(coin, address, dest, pay, sig.encodeToBitcoin());
        return new SendPlan(signed, List.of(coin), destination, new Sats(pay), new Sats(fee), Optional.empty());
    }

    /**
     * @throws WalletException unless {@code medianTimePast} is above the locktime (Core's rule
     *                         for a time-based nLockTime)
     */
    public static void checkExpired(OutPoint bond, long locktime, long medianTimePast) {
        if (medianTimePast <= locktime) {
            long days = Math.max(1, (locktime - medianTimePast + 86_399) / 86_400);
            throw new WalletException("fidelity bond " + bond + " is locked until " + Instant.ofEpochSecond(locktime)
                    + " (locktime " + locktime + "); the chain's median time past is "
                    + Instant.ofEpochSecond(medianTimePast) + ". It can be spent once the median time past is after"
                    + " the locktime, in about " + days + (days == 1 ? " day." : " days."));
        }
    }

    private static Transaction build(WalletCoin coin, BondAddress address, Address dest, long pay, byte[] sig) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        TransactionInput in = new TransactionInput(tx, new byte[0],
                new TransactionOutPoint(coin.outpoint().vout(), coin.outpoint().txid()), Coin.valueOf(coin.sats()))
                .withSequence(SEQUENCE);
        if (sig.length > 0) {
            in = in.withWitness(TransactionWitness.of(sig, address.witnessScript()));
        }
        tx.addInput(in);
        tx.addOutput(Coin.valueOf(pay), ScriptBuilder.createOutputScript(dest));
        tx.setLockTime(address.locktime());
        return tx;
    }
}
