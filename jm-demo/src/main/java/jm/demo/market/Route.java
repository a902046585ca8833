package jm.demo.market;

/** How the taker reaches the makers during a CoinJoin. */
public enum Route {
    /** Direct TCP connections to each maker's server (opened before {@code !fill}), directory as fallback. */
    DIRECT,
    /** Every private message relayed by the directory; no direct connection is attempted. */
    RELAYED;

    public String label() {
        return this == DIRECT ? "direct connections" : "directory relay only";
    }
}
