package jm.wallet.bond;

import java.io.ByteArrayOutputStream;
import jm.core.crypto.Hashes;

/** The wallet's own freeze-script construction (PROTOCOL.md 10.1). */
final class LocalFreezeScripts implements FreezeScripts {
    static final LocalFreezeScripts INSTANCE = new LocalFreezeScripts();
    private static final int OP_CHECKLOCKTIMEVERIFY = 0xb1;
    private static final int OP_DROP = 0x75;
    private static final int OP_CHECKSIG = 0xac;

    @Override
    public byte[] freezeScript(long locktime, byte[] pubKey33) {
        if (locktime <= 0 || locktime > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("locktime out of range: " + locktime);
        }
        if (pubKey33 == null || pubKey33.length != 33 || (pubKey33[0] != 2 && pubKey33[0] != 3)) {
            throw new IllegalArgumentException("public key must be 33 bytes compressed");
        }
        byte[] num = scriptNum(locktime);
        var out = new ByteArrayOutputStream();
        out.write(num.length);
        out.writeBytes(num);
        out.write(OP_CHECKLOCKTIMEVERIFY);
        out.write(OP_DROP);
        out.write(33);
        out.writeBytes(pubKey33);
        out.write(OP_CHECKSIG);
        return out.toByteArray();
    }

    @Override
    public byte[] p2wshScriptPubKey(byte[] witnessScript) {
        byte[] h = Hashes.sha256(witnessScript);
        byte[] spk = new byte[34];
        spk[0] = 0x00;
        spk[1] = 0x20;
        System.arraycopy(h, 0, spk, 2, 32);
        return spk;
    }

    /** Minimal little-endian CScriptNum of a positive number. */
    static byte[] scriptNum(long v) {
        var out = new ByteArrayOutputStream();
        long x = v;
        while (x != 0) {
            out.write((int) (x & 0xff));
            x >>>= 8;
        }
        byte[] b = out.toByteArray();
        if ((b[b.length - 1] & 0x80) != 0) {
            byte[] c = new byte[b.length + 1];
            System.arraycopy(b, 0, c, 0, b.length);
            return c;
        }
        return b;
    }
}
