package jm.cli.common;

import java.util.Objects;

/** A password read from configuration; {@link #toString()} never shows it. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
