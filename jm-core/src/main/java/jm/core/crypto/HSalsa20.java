package jm.core.crypto;

/**
 * The HSalsa20 core (as in XSalsa20 and NaCl's {@code crypto_box_beforenm}): the Salsa20
 * double-round function applied 10 times to the key, constants and a 16-byte input, output
 * taken from words 0, 5, 10, 15, 6, 7, 8, 9 without the final feed-forward addition.
 */
final class HSalsa20 {
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private HSalsa20() {
    }

    static byte[] derive(byte[] key32, byte[] in16) {
        int[] x = new int[16];
        x[0] = SIGMA[0];
        x[5] = SIGMA[1];
        x[10] = SIGMA[2];
        x[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            x[1 + i] = le32(key32, 4 * i);
            x[11 + i] = le32(key32, 16 + 4 * i);
            x[6 + i] = le32(in16, 4 * i);
        }
        for (int round = 0; round < 10; round++) {
            // column round
            quarter(x, 0, 4, 8, 12);
            quarter(x, 5, 9, 13, 1);
            quarter(x, 10, 14, 2, 6);
            quarter(x, 15, 3, 7, 11);
            // row round
            quarter(x, 0, 1, 2, 3);
            quarter(x, 5, 6, 7, 4);
            quarter(x, 10, 11, 8, 9);
            quarter(x, 15, 12, 13, 14);
        }
        byte[] out = new byte[32];
        int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
        for (int i = 0; i < 8; i++) {
            putLe32(out, 4 * i, x[pick[i]]);
        }
        return out;
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[b] ^= Integer.rotateLeft(x[a] + x[d], 7);
        x[c] ^= Integer.rotateLeft(x[b] + x[a], 9);
        x[d] ^= Integer.rotateLeft(x[c] + x[b], 13);
        x[a] ^= Integer.rotateLeft(x[d] + x[c], 18);
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
