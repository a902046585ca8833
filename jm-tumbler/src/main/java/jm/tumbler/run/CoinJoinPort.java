package jm.tumbler.run;

import java.util.Objects;
import java.util.Optional;

/**
 * What the tumbler needs from the taker and the chain: one CoinJoin at a time, the wallet's
 * balance per mixdepth, and what the node knows of a transaction. Implemented over jm-taker's
 * {@code TakerClient} in jm-cli; tests use a fake.
 */
public interface CoinJoinPort {

    /** One CoinJoin. {@code amountSats} 0 sweeps the mixdepth; no destination means INTERNAL. */
    record Request(int mixdepth, long amountSats, Optional<String> destination, int makerCount) {
        public Request {
            Objects.requireNonNull(destination);
        }
    }

    /** How a CoinJoin ended. */
    sealed interface Outcome {
    }

    /** Broadcast (the node has it): the equal output amount and what it cost us. */
    record Sent(String txid, long amountSats, long costSats) implements Outcome {
    }

    /** Nothing was broadcast; the coins are free again. */
    record Failed(String reason) implements Outcome {
    }

    /**
     * Told once the transaction is built (its txid final) and before it is broadcast, on the
     * taker's thread: the tumbler saves the txid (and the signed transaction when the taker has
     * one) before returning, so a crash after the broadcast loses nothing. A failed CoinJoin whose
     * txid the node does not know is then simply run again.
     */
    @FunctionalInterface
    interface BeforeBroadcast {
        void built(String txid, Optional<String> rawTxHex);
    }

    /** The mixdepth's balance, after bringing the wallet up to date with the chain. */
    long balance(int mixdepth) throws InterruptedException;

    /** Runs one CoinJoin (maker replacement and retries within it are the taker's). */
    Outcome coinJoin(Request request, BeforeBroadcast beforeBroadcast) throws InterruptedException;

    /** Confirmations of a transaction: 0 in the mempool, empty if the node does not know it. */
    Optional<Integer> confirmations(String txid);

    /**
     * Broadcasts a signed transaction again. Returns empty when the node accepted it (or already
     * had it), else the node's reason for refusing it.
     */
    Optional<String> rebroadcast(String rawTxHex);
}
