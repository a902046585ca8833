package jm.maker.tx;

/**
 * A bounds-checked walk over raw transaction bytes before any library parses them: every count
 * and length is checked against the bytes that remain, so no hostile count can trigger a large
 * allocation, and leftover bytes are detected. Accepts the legacy and the segwit (BIP144)
 * serialisation.
 */
final class TxShape {

    /** Why a walk failed; {@code null} fields mean the walk succeeded. */
    enum Problem { TRUNCATED, TRAILING_BYTES, BAD_SEGWIT_FLAG }

    private final byte[] b;
    private int pos;
    private boolean segwit;
    private int witnessStart = -1;
    private boolean anyWitnessItem;

    private TxShape(byte[] b) {
        this.b = b;
    }

    /** Returns {@code null} if {@code raw} is one well-delimited transaction, else the problem. */
    static Problem check(byte[] raw) {
        return walk(raw).problem();
    }

    /**
     * The walk's findings.
     *
     * @param problem    null if well delimited
     * @param legacy     the legacy (non-witness) serialisation when the input was segwit-serialised
     *                   with only empty witnesses (BIP144 forbids that form, libraries refuse it),
     *                   else the input itself
     * @param hasWitness whether any witness item is present
     */
    record Result(Problem problem, byte[] legacy, boolean hasWitness) {
    }

    static Result walk(byte[] raw) {
        TxShape s = new TxShape(raw);
        Problem p;
        try {
            p = s.walk();
        } catch (Truncated e) {
            p = Problem.TRUNCATED;
        }
        if (p != null || !s.segwit || s.anyWitnessItem) {
            return new Result(p, raw, s.anyWitnessItem);
        }
        byte[] legacy = new byte[raw.length - 2 - (raw.length - 4 - s.witnessStart)];
        System.arraycopy(raw, 0, legacy, 0, 4);
        System.arraycopy(raw, 6, legacy, 4, s.witnessStart - 6);
        System.arraycopy(raw, raw.length - 4, legacy, legacy.length - 4, 4);
        return new Result(null, legacy, false);
    }

    private Problem walk() throws Truncated {
        skip(4); // version
        if (remaining() >= 2 && b[pos] == 0) {
            if (b[pos + 1] != 1) {
                return Problem.BAD_SEGWIT_FLAG;
            }
            segwit = true;
            skip(2);
        }
        long inputs = varInt();
        for (long i = 0; i < inputs; i++) {
            skip(36);
            skip(varInt());
            skip(4);
        }
        long outputs = varInt();
        for (long i = 0; i < outputs; i++) {
            skip(8);
            skip(varInt());
        }
        if (segwit) {
            witnessStart = pos;
            for (long i = 0; i < inputs; i++) {
                long items = varInt();
                if (items > 0) {
                    anyWitnessItem = true;
                }
                for (long j = 0; j < items; j++) {
                    skip(varInt());
                }
            }
        }
        skip(4); // locktime
        return remaining() == 0 ? null : Problem.TRAILING_BYTES;
    }

    private int remaining() {
        return b.length - pos;
    }

    private void skip(long n) throws Truncated {
        if (n < 0 || n > remaining()) {
            throw new Truncated();
        }
        pos += (int) n;
    }

    private long varInt() throws Truncated {
        skip(1);
        int first = b[pos - 1] & 0xff;
        int size = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
        if (size == 0) {
            return first;
        }
        skip(size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[pos - size + i] & 0xff);
        }
        // a count that does not fit the remaining bytes (or is negative as a long) is truncation
        if (v < 0 || v > remaining()) {
            throw new Truncated();
        }
        return v;
    }

    /** Control flow for running off the end; never escapes this class. */
    private static final class Truncated extends Exception {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super(null, null, false, false);
        }
    }
}
