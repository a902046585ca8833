package jm.core.bond;

import java.io.ByteArrayOutputStream;
import jm.core.Network;
import jm.core.crypto.Hashes;
import jm.core.crypto.Secp256k1;
import org.bitcoinj.base.SegwitAddress;

/**
 * The bond output (PROTOCOL.md 10.1): witness script
 * {@code <locktime> OP_CHECKLOCKTIMEVERIFY OP_DROP <pubkey> OP_CHECKSIG}, paid to as P2WSH.
 */
public final class FidelityBondScripts {
    public static final int OP_0 = 0x00;
    public static final int OP_1 = 0x51;
    public static final int OP_CHECKLOCKTIMEVERIFY = 0xb1;
    public static final int OP_DROP = 0x75;
    public static final int OP_CHECKSIG = 0xac;

    private FidelityBondScripts() {
    }

    /** The freeze (witness) script for a locktime (0 .. 2^32-1) and a compressed public key. */
    public static byte[] freezeScript(long locktime, byte[] pubKey33) {
        if (locktime < 0 || locktime > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("locktime out of range: " + locktime);
        }
        if (!Secp256k1.isValidCompressed(pubKey33)) {
            throw new IllegalArgumentException("pubkey must be a 33-byte compressed point");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(42);
        out.writeBytes(numberPush(locktime));
        out.write(OP_CHECKLOCKTIMEVERIFY);
        out.write(OP_DROP);
        out.write(pubKey33.length);
        out.writeBytes(pubKey33);
        out.write(OP_CHECKSIG);
        return out.toByteArray();
    }

    /**
     * A non-negative number as a script push: OP_0, OP_1..OP_16, or minimal little-endian
     * CScriptNum bytes (with a 0x00 sign byte when the top bit is set) behind a length byte.
     */
    static byte[] numberPush(long n) {
        if (n == 0) {
            return new byte[] {(byte) OP_0};
        }
        if (n >= 1 && n <= 16) {
            return new byte[] {(byte) (OP_1 + n - 1)};
        }
        ByteArrayOutputStream num = new ByteArrayOutputStream(6);
        long v = n;
        while (v != 0) {
            num.write((int) (v & 0xff));
            v >>>= 8;
        }
        byte[] le = num.toByteArray();
        if ((le[le.length - 1] & 0x80) != 0) {
            num.write(0x00);
            le = num.toByteArray();
        }
        byte[] push = new byte[le.length + 1];
        push[0] = (byte) le.length;
        System.arraycopy(le, 0, push, 1, le.length);
        return push;
    }

    /** {@code 0x00 0x20 SHA-256(witnessScript)}. */
    public static byte[] p2wshScriptPubKey(byte[] witnessScript) {
        return witnessV0Program(Hashes.sha256(witnessScript));
    }

    /**
     * The segwit v0 output script {@code OP_0 <push len> hash}: P2WSH for a 32-byte script hash,
     * P2WPKH (also the P2SH-P2WPKH redeem script) for a 20-byte key hash.
     */
    public static byte[] witnessV0Program(byte[] hash) {
        byte[] spk = new byte[2 + hash.length];
        spk[0] = OP_0;
        spk[1] = (byte) hash.length;
        System.arraycopy(hash, 0, spk, 2, hash.length);
        return spk;
    }

    /** The bech32 P2WSH address of a witness script on a chain. */
    public static String address(Network network, byte[] witnessScript) {
        return SegwitAddress.fromHash(network.bitcoinj(), Hashes.sha256(witnessScript)).toString();
    }

    /** The scriptPubKey of the bond output for a locktime and key. */
    public static byte[] bondScriptPubKey(long locktime, byte[] pubKey33) {
        return p2wshScriptPubKey(freezeScript(locktime, pubKey33));
    }
}
