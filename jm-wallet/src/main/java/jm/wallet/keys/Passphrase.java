package jm.wallet.keys;

/**
 * The optional BIP39 passphrase (the reference calls it the "mnemonic extension"). Empty is the
 * same as none. Secret: {@link #toString()} is redacted.
 */
public final class Passphrase {
    public static final Passphrase NONE = new Passphrase("");
    private final String value;

    private Passphrase(String value) {
        this.value = value;
    }

    public static Passphrase of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        return new Passphrase(value);
    }

    public String value() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passphrase p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "Passphrase[none]" : "Passphrase[redacted]";
    }
}
