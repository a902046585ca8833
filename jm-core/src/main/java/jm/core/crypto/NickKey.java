package jm.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import jm.core.Nick;
import org.bitcoinj.crypto.ECKey;

/**
 * The per-run nick key pair (PROTOCOL.md 3.1). Its nick is derived from the public key
 * (3.2); it signs every private message (3.3). {@link #toString()} never shows the secret.
 */
public final class NickKey {
    private final ECKey key;
    private final String pubKeyHex;
    private final Nick nick;

    private NickKey(ECKey key) {
        this.key = key;
        this.pubKeyHex = HexFormat.of().formatHex(key.getPubKey());
        this.nick = NickKeys.nickFromPubKeyHex(pubKeyHex);
    }

    /** A fresh random key: SHA-256 of 16 random bytes, as the reference does. */
    public static NickKey random(SecureRandom random) {
        byte[] seed = new byte[16];
        random.nextBytes(seed);
        return fromPrivateKey(Hashes.sha256(seed));
    }

    /** From a 32-byte secret (tests and vectors). */
    public static NickKey fromPrivateKey(byte[] priv32) {
        if (priv32.length != 32) {
            throw new IllegalArgumentException("nick private key must be 32 bytes");
        }
        return new NickKey(ECKey.fromPrivate(new BigInteger(1, priv32), true));
    }

    /** 66 lowercase hex chars of the compressed public key. */
    public String pubKeyHex() {
        return pubKeyHex;
    }

    public Nick nick() {
        return nick;
    }

    /**
     * Signs a private message's data with hostid {@code onion-network}: returns base64 of the
     * low-S DER signature over the Bitcoin signed-message hash of {@code data + hostid}.
     */
    public String signPrivmsg(String data) {
        return MessageSigning.signBase64(key, MessageSigning.withHostId(data));
    }

    /** The underlying key, for other Bitcoin-message signatures (bond certificates, tests). */
    public ECKey ecKey() {
        return key;
    }

    @Override
    public String toString() {
        return "NickKey[" + nick + ", secret redacted]";
    }
}
