package jm.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import jm.core.crypto.Hashes;
import jm.core.crypto.NickKey;
import org.bitcoinj.crypto.ECKey;

/** Deterministic keys for the benchmarks (labels hashed, never real keys). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] label(String s) {
        return Hashes.sha256(s.getBytes(StandardCharsets.US_ASCII));
    }

    static NickKey nickKey(String s) {
        return NickKey.fromPrivateKey(label(s));
    }

    static ECKey ecKey(String s) {
        return ECKey.fromPrivate(new BigInteger(1, label(s)), true);
    }
}
