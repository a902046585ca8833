package jm.core.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.StrictHex;
import jm.core.podle.UtxoRef;
import org.bitcoinj.crypto.ECKey;

/**
 * The decrypted {@code !ioauth} (5.7): {@code <utxo,utxo...> <auth_pub> <cj_addr> <change_addr> <btc_sig>}.
 *
 * @param utxos         the maker's inputs (legacy {@code txid:vout} or extended form), no duplicates
 * @param authPubHex    compressed public key of one listed UTXO, 66 lowercase hex chars
 * @param cjAddress     the maker's CoinJoin output address (checked against the network by the taker)
 * @param changeAddress the maker's change address
 * @param btcSigBase64  Bitcoin-message signature by the auth key over the maker's box public key hex
 */
public record IoAuthPayload(List<UtxoRef> utxos, String authPubHex, String cjAddress, String changeAddress,
                            String btcSigBase64) {
    public static final int MAX_UTXOS = 100;
    private static final int MAX_ADDRESS_CHARS = 90;

    public IoAuthPayload {
        utxos = List.copyOf(utxos);
        try {
            check(utxos, authPubHex, cjAddress, changeAddress, btcSigBase64);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void check(List<UtxoRef> utxos, String authPub, String cj, String change, String sig)
            throws ProtocolException {
        if (utxos.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "ioauth.utxos", "no inputs");
        }
        if (utxos.size() > MAX_UTXOS) {
            throw new ProtocolException(Reason.OVERSIZED, "ioauth.utxos", "more than " + MAX_UTXOS + " inputs");
        }
        Set<OutPoint> seen = new HashSet<>();
        for (UtxoRef u : utxos) {
            if (!seen.add(u.outPoint())) {
                throw new ProtocolException(Reason.DUPLICATE_FIELD, "ioauth.utxos", "input listed twice: " + u.outPoint());
            }
        }
        byte[] pub = StrictHex.decode(authPub, 33, "ioauth.auth_pub");
        if (pub[0] != 2 && pub[0] != 3) {
            throw new ProtocolException(Reason.MALFORMED, "ioauth.auth_pub", "not a compressed public key");
        }
        checkAddress(cj, "ioauth.cj_addr");
        checkAddress(change, "ioauth.change_addr");
        byte[] der = Fields.base64(sig, "ioauth.btc_sig", 100);
        if (der.length < 8 || der.length > 72) {
            throw new ProtocolException(Reason.MALFORMED, "ioauth.btc_sig", "not a DER signature length");
        }
    }

    private static void checkAddress(String a, String field) throws ProtocolException {
        if (a == null || a.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        if (a.length() > MAX_ADDRESS_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, field, "too long for an address");
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new ProtocolException(Reason.BAD_ENCODING, field, "not an address");
            }
        }
    }

    /** Parses the decrypted plaintext. */
    public static IoAuthPayload parse(String plaintext) throws ProtocolException {
        if (plaintext == null || plaintext.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "ioauth", "empty");
        }
        String[] f = plaintext.split(" ", -1);
        if (f.length != 5) {
            throw new ProtocolException(Reason.MALFORMED, "ioauth", "expected 5 space-separated fields, got " + f.length);
        }
        if (f[0].isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "ioauth.utxos", "empty");
        }
        String[] us = f[0].split(",", MAX_UTXOS + 2);
        if (us.length > MAX_UTXOS) {
            throw new ProtocolException(Reason.OVERSIZED, "ioauth.utxos", "more than " + MAX_UTXOS + " inputs");
        }
        List<UtxoRef> utxos = new ArrayList<>(us.length);
        for (String u : us) {
            utxos.add(UtxoRef.parse(u));
        }
        check(utxos, f[1], f[2], f[3], f[4]);
        return new IoAuthPayload(utxos, f[1], f[2], f[3], f[4]);
    }

    /**
     * Builds the maker's payload, signing {@code makerBoxPubHex} (exactly as sent in
     * {@code !pubkey}) with {@code authKey}, the key of one of {@code utxos}.
     */
    public static IoAuthPayload create(List<UtxoRef> utxos, ECKey authKey, String cjAddress, String changeAddress,
                                       String makerBoxPubHex) {
        String sig = MessageSigning.signBase64(authKey, makerBoxPubHex);
        return new IoAuthPayload(utxos, StrictHex.encode(authKey.getPubKey()), cjAddress, changeAddress, sig);
    }

    /**
     * Whether {@code btcSigBase64} is a valid signature by {@code authPubHex} over the ASCII text
     * of {@code makerBoxPubHex} (the taker passes its own lowercase hex of the key it received).
     */
    public boolean bindsBoxKey(String makerBoxPubHex) {
        Objects.requireNonNull(makerBoxPubHex);
        return MessageSigning.verifyBase64(authPubHex, makerBoxPubHex.getBytes(StandardCharsets.US_ASCII), btcSigBase64);
    }

    /** Whether any input is in the extended (neutrino_compat) form. */
    public boolean usesExtendedUtxos() {
        return utxos.stream().anyMatch(UtxoRef::isExtended);
    }

    public String toWire() {
        StringBuilder sb = new StringBuilder();
        for (UtxoRef u : utxos) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(u.toWire());
        }
        return sb.append(' ').append(authPubHex).append(' ').append(cjAddress).append(' ')
                .append(changeAddress).append(' ').append(btcSigBase64).toString();
    }
}
