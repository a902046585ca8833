package jm.wallet.store;

import java.util.Arrays;

/** A wallet password. Secret: {@link #toString()} is redacted; {@link #clear()} wipes it. */
public final class Password implements AutoCloseable {
    private final char[] chars;

    private Password(char[] chars) {
        this.chars = chars;
    }

    /** Takes a copy of {@code chars}; the caller may wipe its own array afterwards. */
    public static Password of(char[] chars) {
        if (chars == null) {
            throw new IllegalArgumentException("password is null");
        }
        return new Password(chars.clone());
    }

    public static Password of(String s) {
        return of(s.toCharArray());
    }

    /** A copy of the characters; wipe it after use. */
    public char[] chars() {
        return chars.clone();
    }

    public boolean isEmpty() {
        return chars.length == 0;
    }

    public void clear() {
        Arrays.fill(chars, '\0');
    }

    @Override
    public void close() {
        clear();
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
