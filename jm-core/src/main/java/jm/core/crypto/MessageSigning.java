package jm.core.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;

/**
 * Bitcoin "signmessage"-style ECDSA as JoinMarket uses it (PROTOCOL.md 3.3): the digest is
 * double-SHA256 of {@code "\x18Bitcoin Signed Message:\n" || compactsize(len) || message}; the
 * signature is RFC 6979 (no low-R grinding), low-S, strict DER, sent as standard base64.
 * Private messages sign {@code data + "onion-network"}.
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

    /** Base64 DER signature over the UTF-8 bytes of {@code message}. */
    public static String signBase64(ECKey key, String message) {
        return Base64.getEncoder().encodeToString(signDer(key, message.getBytes(StandardCharsets.UTF_8)));
    }
}
