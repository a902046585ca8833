package jm.wallet;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import jm.core.Sats;
import jm.wallet.coins.CoinSelector;
import jm.wallet.coins.InsufficientFundsException;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.errors.WalletException;
import jm.wallet.keys.Branch;
import jm.wallet.keys.WalletAddress;
import jm.wallet.keys.WalletType;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Builds and signs a plain (non-CoinJoin) transaction from one mixdepth: coin choice, fee for the
 * transaction's virtual size, change to a fresh internal address unless it would be dust.
 */
final class SendBuilder {
    private final WalletConfig config;
    private final WalletMetadata meta;
    private final AddressBook addresses;
    private final CoinBook coins;
    private final TxSigner signer;

    SendBuilder(WalletConfig config, WalletMetadata meta, AddressBook addresses, CoinBook coins, TxSigner signer) {
        this.config = config;
        this.meta = meta;
        this.addresses = addresses;
        this.coins = coins;
        this.signer = signer;
    }

    SendPlan createSend(int mixdepth, String destination, Optional<Sats> amount, long feeRateSatPerVb, int minConf) {
        addresses.checkMixdepth(mixdepth);
        if (feeRateSatPerVb < 1 || feeRateSatPerVb > 10_000) {
            throw new WalletException("fee rate must be 1..10000 sat/vB: " + feeRateSatPerVb);
        }
        Address dest = parseAddress(destination);
        byte[] destSpk = ScriptBuilder.createOutputScript(dest).program();
        int changeSpkLen = config.type() == WalletType.P2WPKH ? 22 : 23;
        synchronized (meta) {
            List<WalletCoin> inputs;
            long pay;
            long fee;
            boolean withChange;
            if (amount.isEmpty()) {
                inputs = coins.sweepable(mixdepth, minConf);
                fee = feeRateSatPerVb * vsize(inputs.size(), List.of(destSpk.length));
                pay = CoinSelector.sum(inputs) - fee;
                if (pay < Wallet.CHANGE_DUST_SATS) {
                    throw new InsufficientFundsException(fee + Wallet.CHANGE_DUST_SATS, CoinSelector.sum(inputs));
                }
                withChange = false;
            } else {
                pay = amount.get().value();
                if (pay < Wallet.CHANGE_DUST_SATS) {
                    throw new WalletException("amount below dust threshold (" + Wallet.CHANGE_DUST_SATS + " sats)");
                }
                List<WalletCoin> elig = coins.eligible(mixdepth, minConf);
                int nIn = 1;
                while (true) {
                    long feeWithChange = feeRateSatPerVb * vsize(nIn, List.of(destSpk.length, changeSpkLen));
                    inputs = CoinSelector.select(elig, pay + feeWithChange, MergeAlgorithm.DEFAULT,
                            RandomGenerator.getDefault());
                    if (inputs.size() <= nIn) {
                        fee = feeWithChange;
                        break;
                    }
                    nIn = inputs.size();
                }
                long change = CoinSelector.sum(inputs) - pay - fee;
                withChange = change >= Wallet.CHANGE_DUST_SATS;
                if (!withChange) {
                    fee = CoinSelector.sum(inputs) - pay;
                }
            }
            Transaction tx = new Transaction();
            tx.setVersion(2);
            for (WalletCoin c : inputs) {
                tx.addInput(new TransactionInput(tx, new byte[0],
                        new TransactionOutPoint(c.outpoint().vout(), c.outpoint().txid()), Coin.valueOf(c.sats()))
                        .withSequence(0xFFFF_FFFDL));
            }
            tx.addOutput(Coin.valueOf(pay), dest);
            Optional<WalletAddress> changeAddr = Optional.empty();
            if (withChange) {
                WalletAddress ch = addresses.fresh(mixdepth, Branch.INTERNAL);
                long change = CoinSelector.sum(inputs) - pay - fee;
                tx.addOutput(Coin.valueOf(change), Script.parse(ch.scriptPubKey()));
                changeAddr = Optional.of(ch);
            }
            signer.sign(tx, inputs.stream().map(WalletCoin::outpoint).toList());
            return new SendPlan(tx, inputs, destination, new Sats(pay), new Sats(fee), changeAddr);
        }
    }

    /** Parses an address of this wallet's network. */
    Address parseAddress(String address) {
        try {
            return AddressParser.getDefault(config.network().bitcoinj()).parseAddress(address);
        } catch (IllegalArgumentException e) {
            throw new WalletException("not a valid " + config.network().wireName() + " address: " + address);
        }
    }

    /** Virtual size of a transaction with {@code inputs} wallet inputs and outputs of the given script lengths. */
    long vsize(int inputs, List<Integer> outputScriptLengths) {
        long base = 4 + 1 + 1 + 4; // version, input count, output count, locktime
        long witness = 2; // marker, flag
        int inBase = config.type() == WalletType.P2WPKH ? 41 : 41 + 23;
        base += (long) inputs * inBase;
        witness += (long) inputs * (1 + 1 + 72 + 1 + 33);
        for (int len : outputScriptLengths) {
            base += 8 + 1 + len;
        }
        long weight = base * 4 + witness;
        return (weight + 3) / 4;
    }
}
