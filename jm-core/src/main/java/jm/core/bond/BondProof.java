package jm.core.bond;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.Secp256k1;
import jm.core.crypto.StrictBase64;
import jm.core.crypto.StrictHex;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The fidelity-bond proof sent after offers as {@code !tbond <base64>} (PROTOCOL.md 10.2):
 * 252 bytes, little-endian {@code <72s72s33sH33s32sII>}: nick signature, certificate
 * signature (each DER left-padded with 0xFF to 72), cert pubkey, cert expiry (in 2016-block
 * periods), utxo pubkey, txid (display byte order), vout, locktime.
 *
 * <p>The nick signature (by the cert key) covers {@code takerNick|makerNick}; the certificate
 * signature (by the utxo key) covers {@code "fidelity-bond-cert|" + certPub + "|" + expiry},
 * with certPub as 33 raw bytes (hot wallets) or 66 hex chars (cold storage). Both are
 * Bitcoin-message signatures without hostid.
 *
 * @param nickSig DER nick signature (unpadded)
 * @param certSig DER certificate signature (unpadded)
 * @param certPub compressed cert public key
 * @param certExpiry 0..65535 retarget periods
 * @param utxoPub compressed key of the freeze script
 * @param utxo the bond UTXO
 * @param locktime the freeze script's locktime, 0..2^32-1
 */
public record BondProof(byte[] nickSig, byte[] certSig, byte[] certPub, int certExpiry, byte[] utxoPub,
        OutPoint utxo, long locktime) {
    public static final int LENGTH = 252;
    public static final int BASE64_LENGTH = 336;
    public static final int SIG_FIELD = 72;
    public static final int RETARGET_INTERVAL = 2016;
    /** Blocks of margin in the hot-wallet expiry rule. */
    public static final int BLOCK_COUNT_SAFETY = 2;
    /** Retarget periods a hot-wallet certificate stays valid. */
    public static final int CERT_MAX_VALIDITY_TIME = 1;
    private static final String CERT_PREFIX = "fidelity-bond-cert|";

    public BondProof {
        if (nickSig == null || nickSig.length < 8 || nickSig.length > SIG_FIELD
                || certSig == null || certSig.length < 8 || certSig.length > SIG_FIELD) {
            throw new IllegalArgumentException("signatures must be 8..72 bytes of DER");
        }
        if (!Secp256k1.isValidCompressed(certPub) || !Secp256k1.isValidCompressed(utxoPub)) {
            throw new IllegalArgumentException("cert and utxo keys must be compressed points");
        }
        if (certExpiry < 0 || certExpiry > 0xFFFF) {
            throw new IllegalArgumentException("cert expiry must fit in 16 bits");
        }
        if (utxo == null) {
            throw new IllegalArgumentException("utxo is required");
        }
        if (locktime < 0 || locktime > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("locktime must fit in 32 bits");
        }
        nickSig = nickSig.clone();
        certSig = certSig.clone();
        certPub = certPub.clone();
        utxoPub = utxoPub.clone();
    }

    /** The hot-wallet certificate expiry for the current block height. */
    public static int certExpiryFor(long currentHeight) {
        return (int) ((currentHeight + BLOCK_COUNT_SAFETY) / RETARGET_INTERVAL + CERT_MAX_VALIDITY_TIME);
    }

    /** Builds and signs a proof for one taker (hot-wallet form: cert pub as raw bytes). */
    public static BondProof build(ECKey utxoKey, ECKey certKey, int certExpiry, Nick takerNick, Nick makerNick,
            OutPoint utxo, long locktime) {
        byte[] certPub = certKey.getPubKey();
        byte[] nickSig = MessageSigning.signDer(certKey, nickMessage(takerNick, makerNick));
        byte[] certSig = MessageSigning.signDer(utxoKey, certMessage(certPub, certExpiry, false));
        return new BondProof(nickSig, certSig, certPub, certExpiry, utxoKey.getPubKey(), utxo, locktime);
    }

    static byte[] nickMessage(Nick takerNick, Nick makerNick) {
        return (takerNick.value() + "|" + makerNick.value()).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] certMessage(byte[] certPub, int certExpiry, boolean hexForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(120);
        out.writeBytes(CERT_PREFIX.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(hexForm ? StrictHex.encode(certPub).getBytes(StandardCharsets.US_ASCII) : certPub);
        out.write('|');
        out.writeBytes(Integer.toString(certExpiry).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Parses the {@code !tbond} argument: strict base64 of exactly 252 bytes. */
    public static BondProof parse(String base64) throws ProtocolException {
        if (base64 == null || base64.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "tbond", "missing");
        }
        if (base64.length() != BASE64_LENGTH) {
            throw new ProtocolException(base64.length() > BASE64_LENGTH ? Reason.OVERSIZED : Reason.MALFORMED,
                    "tbond", "expected 336 base64 chars, got " + base64.length());
        }
        return parseBytes(StrictBase64.decode(base64, "tbond"));
    }

    /** Parses the 252-byte blob. */
    public static BondProof parseBytes(byte[] blob) throws ProtocolException {
        if (blob.length != LENGTH) {
            throw new ProtocolException(Reason.MALFORMED, "tbond", "expected 252 bytes, got " + blob.length);
        }
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nickField = new byte[SIG_FIELD];
        byte[] certField = new byte[SIG_FIELD];
        byte[] certPub = new byte[33];
        byte[] utxoPub = new byte[33];
        byte[] txid = new byte[32];
        b.get(nickField).get(certField).get(certPub);
        int expiry = Short.toUnsignedInt(b.getShort());
        b.get(utxoPub).get(txid);
        long vout = Integer.toUnsignedLong(b.getInt());
        long locktime = Integer.toUnsignedLong(b.getInt());
        byte[] nickSig = unpad(nickField, "tbond.nickSig");
        byte[] certSig = unpad(certField, "tbond.certSig");
        Secp256k1.decodeCompressed(certPub, "tbond.certPub");
        Secp256k1.decodeCompressed(utxoPub, "tbond.utxoPub");
        return new BondProof(nickSig, certSig, certPub, expiry, utxoPub,
                new OutPoint(Sha256Hash.wrap(txid), vout), locktime);
    }

    /** The DER signature starts at the first 0x30 byte of its padded field. */
    private static byte[] unpad(byte[] field, String name) throws ProtocolException {
        for (int i = 0; i < field.length; i++) {
            if ((field[i] & 0xff) == 0x30) {
                if (field.length - i < 8) {
                    break;
                }
                return Arrays.copyOfRange(field, i, field.length);
            }
        }
        throw new ProtocolException(Reason.MALFORMED, name, "no DER signature in the padded field");
    }

    /** The 252-byte blob. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put(pad(nickSig)).put(pad(certSig)).put(certPub).putShort((short) certExpiry).put(utxoPub)
                .put(utxo.txid().getBytes()).putInt((int) utxo.vout()).putInt((int) locktime);
        return b.array();
    }

    public String toBase64() {
        return StrictBase64.encode(toBytes());
    }

    private static byte[] pad(byte[] sig) {
        byte[] out = new byte[SIG_FIELD];
        Arrays.fill(out, 0, SIG_FIELD - sig.length, (byte) 0xff);
        System.arraycopy(sig, 0, out, SIG_FIELD - sig.length, sig.length);
        return out;
    }

    /**
     * Checks both signatures for the taker this proof is addressed to (PROTOCOL.md 10.3 steps
     * 3-4). Expiry against the chain height and the UTXO lookup are separate checks.
     */
    public BondVerdict verify(Nick takerNick, Nick makerNick) {
        ECPoint cert;
        ECPoint utxoKey;
        try {
            cert = Secp256k1.decodeCompressed(certPub, "tbond.certPub");
            utxoKey = Secp256k1.decodeCompressed(utxoPub, "tbond.utxoPub");
        } catch (ProtocolException e) {
            return new BondVerdict.Invalid(BondVerdict.Reason.INVALID_KEY, e.getMessage());
        }
        try {
            MessageSigning.checkDer(cert, nickMessage(takerNick, makerNick), nickSig, "tbond.nickSig");
        } catch (ProtocolException e) {
            return new BondVerdict.Invalid(BondVerdict.Reason.NICK_SIGNATURE, e.getMessage());
        }
        ProtocolException certFailure = null;
        for (boolean hexForm : new boolean[] {false, true}) {
            try {
                MessageSigning.checkDer(utxoKey, certMessage(certPub, certExpiry, hexForm), certSig, "tbond.certSig");
                return new BondVerdict.Valid();
            } catch (ProtocolException e) {
                certFailure = e;
            }
        }
        return new BondVerdict.Invalid(BondVerdict.Reason.CERT_SIGNATURE, certFailure.getMessage());
    }

    /** Whether the certificate is still valid at a block height (height ≤ expiry × 2016). */
    public boolean certValidAtHeight(long blockHeight) {
        return blockHeight <= (long) certExpiry * RETARGET_INTERVAL;
    }

    /** The freeze script this proof claims the UTXO pays to. */
    public byte[] freezeScript() {
        return FidelityBondScripts.freezeScript(locktime, utxoPub);
    }

    /** The scriptPubKey the bond UTXO must have (P2WSH of the freeze script). */
    public byte[] expectedScriptPubKey() {
        return FidelityBondScripts.p2wshScriptPubKey(freezeScript());
    }

    @Override
    public byte[] nickSig() {
        return nickSig.clone();
    }

    @Override
    public byte[] certSig() {
        return certSig.clone();
    }

    @Override
    public byte[] certPub() {
        return certPub.clone();
    }

    @Override
    public byte[] utxoPub() {
        return utxoPub.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BondProof p && Arrays.equals(toBytes(), p.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "BondProof[utxo=" + utxo + ", locktime=" + locktime + ", certExpiry=" + certExpiry + "]";
    }
}
