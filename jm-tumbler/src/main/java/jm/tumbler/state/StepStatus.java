package jm.tumbler.state;

/** How far one CoinJoin of a tumble has got; persisted before and after each change. */
public enum StepStatus {
    /** Not started (or started and known to have broadcast nothing: it runs again). */
    PLANNED,
    /** Its CoinJoin was running; no transaction of it was built yet. */
    STARTED,
    /** Its transaction was built (txid final), saved before any broadcast; it may be on the chain. */
    SENT,
    /** Seen with at least one confirmation. */
    CONFIRMED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static StepStatus parse(String s) {
        for (StepStatus v : values()) {
            if (v.wireName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown step status '" + s + "'");
    }
}
