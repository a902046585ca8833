package jm.chain;

import java.util.Optional;

/**
 * The 8-character output descriptor checksum (BIP 380), as Bitcoin Core computes it for
 * {@code getdescriptorinfo} and requires in {@code importdescriptors}.
 */
public final class DescriptorChecksum {
    private static final String INPUT_CHARSET =
            "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final long[] GENERATOR = {0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL,
        0x644d626ffdL};

    private DescriptorChecksum() {
    }

    /** The checksum of {@code descriptor} (without any {@code #...} suffix); empty if it has a character outside the descriptor charset. */
    public static Optional<String> of(String descriptor) {
        long c = 1;
        int cls = 0;
        int clsCount = 0;
        for (int i = 0; i < descriptor.length(); i++) {
            int pos = INPUT_CHARSET.indexOf(descriptor.charAt(i));
            if (pos < 0) {
                return Optional.empty();
            }
            c = polyMod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++clsCount == 3) {
                c = polyMod(c, cls);
                cls = 0;
                clsCount = 0;
            }
        }
        if (clsCount > 0) {
            c = polyMod(c, cls);
        }
        for (int j = 0; j < 8; j++) {
            c = polyMod(c, 0);
        }
        c ^= 1;
        StringBuilder sb = new StringBuilder(8);
        for (int j = 0; j < 8; j++) {
            sb.append(CHECKSUM_CHARSET.charAt((int) ((c >> (5 * (7 - j))) & 31)));
        }
        return Optional.of(sb.toString());
    }

    /** {@code descriptor#checksum}; a descriptor that already carries a checksum is returned unchanged. */
    public static String append(String descriptor) {
        if (descriptor.indexOf('#') >= 0) {
            return descriptor;
        }
        return descriptor + "#" + of(descriptor).orElseThrow(
                () -> new IllegalArgumentException("descriptor has characters outside the descriptor charset"));
    }

    /** Removes a {@code #checksum} suffix if present. */
    public static String strip(String descriptor) {
        int hash = descriptor.indexOf('#');
        return hash < 0 ? descriptor : descriptor.substring(0, hash);
    }

    private static long polyMod(long c, int val) {
        long c0 = c >>> 35;
        c = ((c & 0x7ffffffffL) << 5) ^ val;
        for (int i = 0; i < 5; i++) {
            if (((c0 >> i) & 1) != 0) {
                c ^= GENERATOR[i];
            }
        }
        return c;
    }
}
