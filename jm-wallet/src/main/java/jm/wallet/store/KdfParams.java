package jm.wallet.store;

/**
 * Argon2id parameters, stored in the wallet file.
 *
 * @param memoryKiB   memory cost in KiB (8 KiB..1 GiB)
 * @param iterations  passes (1..64)
 * @param parallelism lanes (1..16)
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
    /** Interactive default: 64 MiB, 3 passes, 1 lane (BouncyCastle, 2 busy cores: ~5 s cold, ~1.6 s warm). */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);
    /** Cheap parameters for tests only. */
    public static final KdfParams TESTING = new KdfParams(8, 1, 1);
    /** Upper bound accepted from a file (1 GiB), so a modified file cannot demand absurd memory. */
    public static final int MAX_MEMORY_KIB = 1024 * 1024;

    public KdfParams {
        if (memoryKiB < 8 || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("argon2 memory must be 8 KiB .. 1 GiB: " + memoryKiB);
        }
        if (iterations < 1 || iterations > 64) {
            throw new IllegalArgumentException("argon2 iterations must be 1..64: " + iterations);
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("argon2 parallelism must be 1..16: " + parallelism);
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("argon2 memory must be at least 8 KiB per lane");
        }
    }
}
