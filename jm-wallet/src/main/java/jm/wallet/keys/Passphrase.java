package jm.wallet.keys;

import java.util.Objects;

/**
 * The optional BIP39 passphrase (the reference calls it the "mnemonic extension"). Empty is the
 * same as none. Secret: {@link #toString()} is redacted.
 */
public record Passphrase(String value) {
    public static final Passphrase NONE = new Passphrase("");

    public Passphrase {
        Objects.requireNonNull(value, "passphrase");
    }

    /** Null and empty are both {@link #NONE}. */
    public static Passphrase of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        return new Passphrase(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty() ? "Passphrase[none]" : "Passphrase[redacted]";
    }
}
