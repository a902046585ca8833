package jm.core;

/**
 * An amount of bitcoin in satoshis. Money is never a {@code double} in this project.
 *
 * @param value satoshis, 0 to {@link #MAX_MONEY} inclusive
 */
public record Sats(long value) implements Comparable<Sats> {
    /** 21 million BTC in satoshis. */
    public static final long MAX_MONEY = 2_100_000_000_000_000L;
    public static final Sats ZERO = new Sats(0);

    public Sats {
        if (value < 0 || value > MAX_MONEY) {
            throw new IllegalArgumentException("sats out of range: " + value);
        }
    }

    public static Sats of(long value) {
        return new Sats(value);
    }

    public Sats plus(Sats other) {
        return new Sats(Math.addExact(value, other.value));
    }

    /** @throws IllegalArgumentException if the result would be negative */
    public Sats minus(Sats other) {
        return new Sats(Math.subtractExact(value, other.value));
    }

    public boolean isLessThan(Sats other) {
        return value < other.value;
    }

    @Override
    public int compareTo(Sats o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return value + " sat";
    }
}
