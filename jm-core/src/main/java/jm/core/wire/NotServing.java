package jm.core.wire;

/** A peer that accepts no inbound connections (takers, watchers): {@code NOT-SERVING-ONION}. */
public enum NotServing implements Location {
    INSTANCE;

    @Override
    public String toWire() {
        return NOT_SERVING_ONION;
    }
}
