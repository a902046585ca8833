package jm.taker.client;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import jm.core.Nick;
import jm.taker.adapter.ChannelMessenger;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinSession;

/**
 * One CoinJoin running on a {@link TakerClient}. Thread-safe; every method returns at once.
 */
public final class CoinJoinHandle {
    private final CoinJoinSession session;
    private final CompletableFuture<CoinJoinReport> result;
    private final ChannelMessenger messenger;

    CoinJoinHandle(CoinJoinSession session, CompletableFuture<CoinJoinReport> result, ChannelMessenger messenger) {
        this.session = session;
        this.result = result;
        this.messenger = messenger;
    }

    /** Completes with the report (success with the txid, or the failed phase and why); never exceptionally. */
    public CompletableFuture<CoinJoinReport> result() {
        return result;
    }

    /**
     * Cancels the CoinJoin: our coins are released and the report says {@code aborted: <reason>};
     * while only waiting for the confirmation of the broadcast transaction it just stops waiting
     * (the report is then a success). Does nothing once the report is out.
     */
    public CoinJoinHandle cancel(String reason) {
        session.abort(reason);
        return this;
    }

    /** Ends the orderbook wait now with the offers received so far (nothing outside that phase). */
    public void endOrderbookWait() {
        session.endOrderbookWait();
    }

    /** Makers to which a private command of this CoinJoin went over a direct connection. */
    public Set<Nick> reachedDirectly() {
        return messenger.reachedDirectly();
    }
}
