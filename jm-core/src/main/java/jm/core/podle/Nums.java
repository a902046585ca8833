package jm.core.podle;

import jm.core.crypto.Hashes;
import jm.core.crypto.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The NUMS ("nothing up my sleeve") generators J(0..255) of PROTOCOL.md 7.2: for each seed
 * (G compressed, then G uncompressed) and counter 0..255, the first
 * {@code 0x02 || SHA-256(seed || i || counter)} that is a valid compressed point.
 */
public final class Nums {
    public static final int COUNT = 256;

    private Nums() {
    }

    /** J(index) as a 33-byte compressed point. */
    public static byte[] generator(int index) {
        return Secp256k1.encode(point(index));
    }

    /** J(index) as a curve point. */
    public static ECPoint point(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("NUMS index must be 0..255: " + index);
        }
        return Table.POINTS[index];
    }

    /** Computes J(index) from its definition (the table uses this once per index). */
    static ECPoint derive(int index) {
        byte[][] seeds = {Secp256k1.G.getEncoded(true), Secp256k1.G.getEncoded(false)};
        for (byte[] seed : seeds) {
            for (int counter = 0; counter < 256; counter++) {
                byte[] input = new byte[seed.length + 2];
                System.arraycopy(seed, 0, input, 0, seed.length);
                input[seed.length] = (byte) index;
                input[seed.length + 1] = (byte) counter;
                byte[] x = Hashes.sha256(input);
                byte[] candidate = new byte[33];
                candidate[0] = 0x02;
                System.arraycopy(x, 0, candidate, 1, 32);
                if (Secp256k1.isValidCompressed(candidate)) {
                    return Secp256k1.decodeTrusted(candidate);
                }
            }
        }
        throw new IllegalStateException("no NUMS point for index " + index);
    }

    /** Lazily built table (class initialisation is the JVM's once-only guarantee). */
    private static final class Table {
        static final ECPoint[] POINTS = new ECPoint[COUNT];

        static {
            for (int i = 0; i < COUNT; i++) {
                POINTS[i] = derive(i);
            }
        }
    }
}
