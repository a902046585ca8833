package jm.wallet;

import java.util.List;
import java.util.Optional;
import jm.core.Sats;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.WalletAddress;
import org.bitcoinj.core.Transaction;

/**
 * A signed, not yet broadcast plain (non-CoinJoin) transaction.
 *
 * @param transaction signed transaction
 * @param inputs      wallet coins it spends
 * @param destination address paid
 * @param amount      amount paid to {@code destination}
 * @param fee         miner fee
 * @param change      change output address (internal branch of the same mixdepth), if any
 */
public record SendPlan(Transaction transaction, List<WalletCoin> inputs, String destination, Sats amount, Sats fee,
                       Optional<WalletAddress> change) {
    public SendPlan {
        inputs = List.copyOf(inputs);
    }

    public byte[] rawTransaction() {
        return transaction.serialize();
    }
}
