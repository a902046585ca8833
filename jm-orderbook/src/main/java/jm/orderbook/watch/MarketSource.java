package jm.orderbook.watch;

/** What the web side needs from the watcher: the market now, and a way to ask for fresh offers. */
public interface MarketSource {
    MarketSnapshot snapshot();

    /**
     * Asks the directories for the orderbook again (the reference's "refresh orderbook").
     * Rate-limited: returns false, sending nothing, if a refresh went out within
     * {@link WatchService#MIN_REFRESH_GAP}.
     */
    boolean refresh();
}
