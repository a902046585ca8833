package jm.core.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Bitcoin "signmessage"-style ECDSA as JoinMarket uses it (PROTOCOL.md 3.3): the digest is
 * double-SHA256 of {@code "\x18Bitcoin Signed Message:\n" || compactsize(len) || message}; the
 * signature is RFC 6979 (no low-R grinding), low-S, strict DER, sent as standard base64.
 * Private messages sign {@code data + "onion-network"}.
 *
 * <p>Verification is strict: the public key must be 66 lowercase hex chars of a valid
 * compressed point, the signature canonical base64 of strict DER with low S (NG's rule; the
 * reference would also accept high S). Verifiers return {@code false} on any malformed input
 * and never throw unchecked exceptions.
 */
public final class MessageSigning {
    /** hostid of every onion message channel, relayed or direct. */
    public static final String ONION_HOSTID = "onion-network";
    private static final byte[] PREFIX = "\u0018Bitcoin Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

    private MessageSigning() {
    }

    public static String withHostId(String data) {
        return data + ONION_HOSTID;
    }

    /** The Bitcoin signed-message digest of raw message bytes. */
    public static byte[] bitcoinMessageHash(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(PREFIX.length + 9 + message.length);
        out.writeBytes(PREFIX);
        writeCompactSize(out, message.length);
        out.writeBytes(message);
        return Hashes.sha256d(out.toByteArray());
    }

    private static void writeCompactSize(ByteArrayOutputStream out, long n) {
        if (n < 0xfd) {
            out.write((int) n);
        } else if (n <= 0xffff) {
            out.write(0xfd);
            out.write((int) (n & 0xff));
            out.write((int) ((n >> 8) & 0xff));
        } else if (n <= 0xffffffffL) {
            out.write(0xfe);
            for (int i = 0; i < 4; i++) {
                out.write((int) ((n >> (8 * i)) & 0xff));
            }
        } else {
            out.write(0xff);
            for (int i = 0; i < 8; i++) {
                out.write((int) ((n >> (8 * i)) & 0xff));
            }
        }
    }

    /** DER (low-S) signature over the message hash of the UTF-8 bytes of {@code message}. */
    public static byte[] signDer(ECKey key, byte[] message) {
        return key.sign(Sha256Hash.wrap(bitcoinMessageHash(message))).encodeToDER();
    }

    /** Base64 DER signature over raw message bytes. */
    public static String signBase64(ECKey key, byte[] message) {
        return Base64.getEncoder().encodeToString(signDer(key, message));
    }

    /** Base64 DER signature over the UTF-8 bytes of {@code message}. */
    public static String signBase64(ECKey key, String message) {
        return Base64.getEncoder().encodeToString(signDer(key, message.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Verifies a base64 DER signature over the Bitcoin message hash of {@code message}.
     * Returns false for a malformed key or signature, a high-S signature, or a wrong signature.
     */
    public static boolean verifyBase64(String pubKeyHex, byte[] message, String sigBase64) {
        try {
            checkBase64(pubKeyHex, message, sigBase64, "sig");
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }

    /** Verifies a private message signature: over {@code data + "onion-network"}. */
    public static boolean verifyPrivmsg(String pubKeyHex, String data, String sigBase64) {
        return data != null && verifyBase64(pubKeyHex, withHostId(data).getBytes(StandardCharsets.UTF_8), sigBase64);
    }

    /**
     * Verifies a private message signature made for an arbitrary hostid, accepting (as the
     * reference does) a signature over {@code data + hostid.toLowerCase()} too. Only the
     * retired IRC channels used other hostids; kept for the reference vectors.
     */
    public static boolean verifyPrivmsg(String pubKeyHex, String data, String sigBase64, String hostId) {
        if (data == null || hostId == null) {
            return false;
        }
        if (verifyBase64(pubKeyHex, (data + hostId).getBytes(StandardCharsets.UTF_8), sigBase64)) {
            return true;
        }
        String lower = hostId.toLowerCase(Locale.ROOT);
        return !lower.equals(hostId)
                && verifyBase64(pubKeyHex, (data + lower).getBytes(StandardCharsets.UTF_8), sigBase64);
    }

    /**
     * Like {@link #verifyPrivmsg(String, String, String)}, but says what is wrong: a typed error
     * naming {@code field + ".pubkey"}, {@code field + ".sig"} (encoding, DER, high S) or
     * BAD_SIGNATURE when the signature does not verify.
     */
    public static void checkPrivmsg(String pubKeyHex, String data, String sigBase64, String field)
            throws ProtocolException {
        if (data == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, field + ".data", "missing");
        }
        checkBase64(pubKeyHex, withHostId(data).getBytes(StandardCharsets.UTF_8), sigBase64, field);
    }

    /** Checks a base64 DER signature over the message hash of {@code message}, see {@link #checkPrivmsg}. */
    public static void checkBase64(String pubKeyHex, byte[] message, String sigBase64, String field)
            throws ProtocolException {
        if (message == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, field + ".message", "missing");
        }
        ECPoint pub = Secp256k1.decodeCompressedHex(pubKeyHex, field + ".pubkey");
        if (sigBase64 != null && sigBase64.length() > 4 * ((DerSignature.MAX_LENGTH + 2) / 3)) {
            throw new ProtocolException(Reason.OVERSIZED, field + ".sig", "signature too long");
        }
        byte[] der = StrictBase64.decode(sigBase64, field + ".sig");
        checkDer(pub, message, der, field + ".sig");
    }

    /** Checks strict low-S DER {@code der} by {@code pub} over the message hash of {@code message}. */
    public static void checkDer(ECPoint pub, byte[] message, byte[] der, String field) throws ProtocolException {
        DerSignature sig = DerSignature.parse(der, field);
        if (!sig.isLowS()) {
            throw new ProtocolException(Reason.BAD_SIGNATURE, field, "high-S signature");
        }
        if (!verifyDigest(pub, bitcoinMessageHash(message), sig)) {
            throw new ProtocolException(Reason.BAD_SIGNATURE, field, "signature does not verify");
        }
    }

    /** Plain ECDSA verification of a 32-byte digest (no low-S rule). */
    public static boolean verifyDigest(ECPoint pub, byte[] digest32, DerSignature sig) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, new ECPublicKeyParameters(pub, Secp256k1.domain()));
        return signer.verifySignature(digest32, sig.r(), sig.s());
    }
}
