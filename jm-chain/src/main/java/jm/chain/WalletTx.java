package jm.chain;

import org.bitcoinj.base.Sha256Hash;

/**
 * One wallet transaction entry, like a {@code listtransactions} row.
 *
 * @param txid          transaction
 * @param address       the wallet address involved
 * @param category      {@code receive}, {@code send}, {@code generate}, {@code immature}
 * @param amountSats    signed amount for the wallet (negative for sends)
 * @param confirmations 0 in mempool
 * @param blockTime     Unix seconds of the confirming block, 0 if unconfirmed
 */
public record WalletTx(Sha256Hash txid, String address, String category, long amountSats, int confirmations,
                       long blockTime) {
}
