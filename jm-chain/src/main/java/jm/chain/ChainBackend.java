package jm.chain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jm.core.Network;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;

/**
 * Everything the wallet, maker and taker need from the blockchain. One instance serves one
 * watch-only wallet (the descriptors imported with {@link #importDescriptors}); outpoint
 * lookups, broadcast and fee estimates are chain-wide.
 *
 * <p>Implementations: {@code BitcoinCoreBackend} (JSON-RPC; also used against the embedded
 * regtest node, which serves the same RPC subset). All methods block; call them from a worker
 * executor, never from a Netty event loop.
 *
 * <p>Errors are unchecked and typed: {@link ChainUnavailableException} (retry with backoff),
 * {@link TransactionRejectedException} (with the node's reason), {@link ChainNotFoundException}.
 */
public interface ChainBackend extends AutoCloseable {

    /** The chain this backend is on (address encoding). */
    Network network();

    /** Height of the best block. */
    long tipHeight();

    /** Median time past of the tip, in Unix seconds (fidelity-bond "now" as the reference uses it). */
    long tipMedianTime();

    /**
     * Header time of the block at {@code height} of the best chain, in Unix seconds (Core's
     * {@code getblockhash} then {@code getblockheader}): a fidelity bond's confirmation time is
     * the header time of its confirming block, {@code tipHeight - confirmations + 1}.
     *
     * @throws ChainNotFoundException if there is no block at that height
     */
    long blockTime(long height);

    /**
     * Header time of the block that confirmed an output now at {@code confirmations} (at least 1):
     * the block at {@code tipHeight() - confirmations + 1}, as the reference dates a fidelity bond.
     */
    default long confirmationTime(int confirmations) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("not confirmed: " + confirmations + " confirmations");
        }
        return blockTime(tipHeight() - confirmations + 1);
    }

    /**
     * Looks up an unspent output, like Core's {@code gettxout}.
     *
     * @param includeMempool whether an output created by a mempool transaction is found
     *                       (with 0 confirmations) and whether one spent in the mempool is hidden
     * @return empty if the output does not exist or is spent
     */
    Optional<TxOutInfo> getTxOut(OutPoint outpoint, boolean includeMempool);

    /** Raw serialized transaction (segwit serialization), mempool or confirmed. */
    Optional<byte[]> getRawTransaction(Sha256Hash txid);

    /** Confirmations of a transaction: 0 in mempool, empty if unknown. */
    Optional<Integer> getConfirmations(Sha256Hash txid);

    /**
     * Broadcasts a fully signed transaction.
     *
     * @return its txid
     * @throws TransactionRejectedException with the node's error code and reason
     */
    Sha256Hash broadcast(byte[] rawTx);

    /**
     * Fee rate estimate for confirmation within {@code targetBlocks}, in sat/vB, clamped to
     * [{@code floorSatPerVb}, {@code capSatPerVb}]; the floor when the node has no estimate.
     */
    long estimateFeeSatPerVb(int targetBlocks, long floorSatPerVb, long capSatPerVb);

    /** Blocks until the tip height is above {@code height} or the timeout passes; returns the tip. */
    long waitForBlockAbove(long height, Duration timeout) throws InterruptedException;

    /**
     * Blocks until {@code txid} has at least {@code confirmations} or the timeout passes.
     *
     * @return the confirmations reached (may be fewer on timeout)
     */
    int waitForConfirmations(Sha256Hash txid, int confirmations, Duration timeout) throws InterruptedException;

    // ---- the watch-only wallet ----

    /**
     * Creates (or loads) the watch-only descriptor wallet this backend is bound to. Idempotent.
     */
    void ensureWallet();

    /**
     * Imports descriptors into the watch-only wallet (Core's {@code importdescriptors}).
     * Already imported descriptors are accepted again (range may grow). Existing coins are
     * found by a rescan from {@code timestamp} ("now" imports no history).
     */
    void importDescriptors(List<DescriptorImport> descriptors);

    /** Unspent outputs of the watched descriptors with at least {@code minConf} confirmations. */
    List<WalletUtxo> listUnspent(int minConf);

    /** Wallet transactions, newest last, at most {@code count}. */
    List<WalletTx> listTransactions(int count);

    /**
     * Rescans the chain from {@code fromHeight} for the watched descriptors, reporting progress
     * (0..1) to {@code progress}. Blocks until done.
     */
    void rescan(long fromHeight, RescanProgress progress);

    /** Releases connections. Idempotent. */
    @Override
    void close();

    /** Progress callback of {@link #rescan}. */
    @FunctionalInterface
    interface RescanProgress {
        void onProgress(double fraction);
    }
}
