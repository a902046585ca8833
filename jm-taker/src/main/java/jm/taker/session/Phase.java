package jm.taker.session;

/** The phases of one CoinJoin, in order; progress is reported per phase. */
public enum Phase {
    PREFLIGHT,
    ORDERBOOK,
    FILL,
    AUTH,
    TX,
    SIG,
    BROADCAST,
    CONFIRMATION,
    DONE,
    FAILED
}
