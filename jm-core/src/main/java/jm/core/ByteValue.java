package jm.core;

import java.util.Arrays;

/**
 * A value that is one immutable byte string: equal when of the same class with the same bytes.
 * Subclasses check their bytes before handing them here; the copy is taken here, and
 * {@link #bytes()} hands out copies only.
 */
public abstract class ByteValue {
    private final byte[] value;

    protected ByteValue(byte[] value) {
        this.value = value.clone();
    }

    /** A copy of the bytes. */
    protected final byte[] bytes() {
        return value.clone();
    }

    /** The bytes themselves, for reading inside a subclass only (never hand this array out). */
    protected final byte[] view() {
        return value;
    }

    protected final int length() {
        return value.length;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(value, ((ByteValue) o).value);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(value);
    }

    /** {@code Name[n bytes]}: the size, never the contents. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + value.length + " bytes]";
    }
}
