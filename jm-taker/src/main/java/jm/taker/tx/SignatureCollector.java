package jm.taker.tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jm.core.Nick;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Matches makers' {@code !sig} blobs to their inputs (PROTOCOL.md 9.6): parses the script
 * pushes, tries the maker's not-yet-signed inputs, and inserts a witness where the BIP 143
 * signature verifies with the value from our own lookups. Identical copies (relayed by several
 * directories) are de-duplicated; progress counts distinct signatures, not messages.
 */
public final class SignatureCollector {
    private final CoinJoinTransaction cj;
    private final Map<Nick, Set<String>> seenBlobs = new HashMap<>();

    public SignatureCollector(CoinJoinTransaction cj) {
        this.cj = cj;
    }

    /** Handles one decoded {@code !sig} plaintext (the base64-decoded push blob). Never throws. */
    public SigVerdict accept(Nick maker, byte[] blob) {
        List<Integer> mine = cj.inputIndicesOf(maker);
        if (mine.isEmpty()) {
            return new SigVerdict.Rejected(SigVerdict.Reason.NOT_A_PARTICIPANT, "no inputs from " + maker);
        }
        String key = HexFormat.of().formatHex(blob);
        Set<String> seen = seenBlobs.computeIfAbsent(maker, k -> new HashSet<>());
        if (seen.contains(key)) {
            return new SigVerdict.Duplicate();
        }
        if (seen.size() > mine.size() * 4 + 8) {
            return new SigVerdict.Rejected(SigVerdict.Reason.MALFORMED, "too many distinct signatures");
        }
        List<byte[]> pushes = parsePushes(blob);
        if (pushes == null || pushes.size() < 2 || pushes.size() > 3) {
            return new SigVerdict.Rejected(SigVerdict.Reason.MALFORMED, "expected 2 or 3 script pushes");
        }
        byte[] sigBytes = pushes.get(0);
        byte[] pub = pushes.get(1);
        if (sigBytes.length < 9 || (sigBytes[sigBytes.length - 1] & 0xff) != Transaction.SigHash.ALL.value) {
            return new SigVerdict.Rejected(SigVerdict.Reason.WRONG_SIGHASH, "not SIGHASH_ALL");
        }
        TransactionSignature sig;
        ECKey key33;
        try {
            sig = TransactionSignature.decodeFromBitcoin(sigBytes, true, false);
            if (pub.length != 33) {
                return new SigVerdict.Rejected(SigVerdict.Reason.MALFORMED, "public key not compressed");
            }
            key33 = ECKey.fromPublicOnly(pub);
        } catch (Exception e) {
            return new SigVerdict.Rejected(SigVerdict.Reason.NON_CANONICAL_SIGNATURE, "signature or key undecodable");
        }
        byte[] p2wpkh = ScriptBuilder.createP2WPKHOutputScript(key33).program();
        Transaction tx = cj.transaction();
        for (int index : mine) {
            if (cj.isSigned(index)) {
                continue;
            }
            CoinJoinTransaction.InputInfo info = cj.inputs().get(index);
            if (!Arrays.equals(info.scriptPubKey(), p2wpkh)) {
                continue;
            }
            try {
                Script scriptCode = ScriptBuilder.createP2PKHOutputScript(key33.getPubKeyHash());
                Sha256Hash hash = tx.hashForWitnessSignature(index, scriptCode, Coin.valueOf(info.value().value()),
                        Transaction.SigHash.ALL, false);
                if (ECKey.verify(hash.getBytes(), sig, pub)) {
                    cj.setWitness(index, TransactionWitness.of(sigBytes, pub));
                    seen.add(key);
                    return new SigVerdict.Accepted(index);
                }
            } catch (RuntimeException e) {
                // try the next input
            }
        }
        seen.add(key);
        return new SigVerdict.Rejected(SigVerdict.Reason.NO_MATCHING_INPUT, "signature verifies for none of its inputs");
    }

    /** Makers that still owe at least one signature. */
    public Set<Nick> makersMissingSignatures() {
        Set<Nick> out = new HashSet<>();
        for (int i = 0; i < cj.inputs().size(); i++) {
            CoinJoinTransaction.InputInfo in = cj.inputs().get(i);
            if (in.owner().isPresent() && !cj.isSigned(i)) {
                out.add(in.owner().get());
            }
        }
        return out;
    }

    public boolean allMakersSigned() {
        return makersMissingSignatures().isEmpty();
    }

    /**
     * Parses a blob as a sequence of minimally encoded script pushes (opcode 1..75 = length, or
     * OP_PUSHDATA1 for 76..255 bytes); returns null if malformed. A non-minimal OP_PUSHDATA1 of
     * at most 75 bytes is rejected, so one signature has exactly one accepted blob.
     */
    static List<byte[]> parsePushes(byte[] blob) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < blob.length) {
            int op = blob[i] & 0xff;
            int len;
            if (op >= 1 && op <= 75) {
                len = op;
                i += 1;
            } else if (op == 0x4c && i + 1 < blob.length && (blob[i + 1] & 0xff) > 75) {
                len = blob[i + 1] & 0xff;
                i += 2;
            } else {
                return null;
            }
            if (i + len > blob.length || out.size() >= 3) {
                return null;
            }
            out.add(Arrays.copyOfRange(blob, i, i + len));
            i += len;
        }
        return out;
    }

    /** Builds the {@code !sig} push blob for a P2WPKH input: len(sig) sig len(pub) pub. */
    public static byte[] p2wpkhBlob(byte[] sigWithHashType, byte[] pub) {
        byte[] out = new byte[2 + sigWithHashType.length + pub.length];
        out[0] = (byte) sigWithHashType.length;
        System.arraycopy(sigWithHashType, 0, out, 1, sigWithHashType.length);
        out[1 + sigWithHashType.length] = (byte) pub.length;
        System.arraycopy(pub, 0, out, 2 + sigWithHashType.length, pub.length);
        return out;
    }
}
