package jm.taker.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jm.chain.TxOutInfo;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.crypto.MessageSigning;
import jm.taker.offer.MakerOffer;
import jm.taker.verify.IoAuthVerdict.Accepted;
import jm.taker.verify.IoAuthVerdict.Reason;
import jm.taker.verify.IoAuthVerdict.Rejected;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Checks one maker's {@code !ioauth} (PROTOCOL.md 9.4). Pure: the chain lookups of the
 * declared UTXOs are done beforehand and passed in, so the verdict depends on its arguments
 * only. Never throws on peer data.
 */
public final class IoAuthVerifier {
    /** Maker change minimum ({@code DUST_THRESHOLD}). */
    public static final long MAKER_CHANGE_MIN = 27_300;
    /** NG's default {@code max_maker_utxos}. */
    public static final int DEFAULT_MAX_MAKER_UTXOS = 15;

    private final Network network;
    private final int maxMakerUtxos;

    public IoAuthVerifier(Network network, int maxMakerUtxos) {
        this.network = Objects.requireNonNull(network);
        if (maxMakerUtxos < 1) {
            throw new IllegalArgumentException("max_maker_utxos < 1");
        }
        this.maxMakerUtxos = maxMakerUtxos;
    }

    /**
     * @param maker            the maker's nick
     * @param makerBoxPubHex   the box public key it sent in {@code !pubkey}
     * @param claim            the decrypted {@code !ioauth}
     * @param offer            the offer we filled
     * @param amount           the CoinJoin amount
     * @param lookups          our chain lookup of every declared outpoint (missing key or empty = not
     *                         found/spent); confirmations as seen by our node
     * @param usedOutpoints    outpoints already in this CoinJoin (ours and accepted makers')
     * @param usedScriptsHex   output scripts already in this CoinJoin (hex)
     */
    public IoAuthVerdict verify(Nick maker, String makerBoxPubHex, IoAuthClaim claim, MakerOffer offer, Sats amount,
            Map<OutPoint, Optional<TxOutInfo>> lookups, Set<OutPoint> usedOutpoints, Set<String> usedScriptsHex) {
        List<OutPoint> utxos = claim.utxos();
        if (utxos.isEmpty()) {
            return new Rejected(maker, Reason.NO_UTXOS, "no inputs declared");
        }
        if (utxos.size() > maxMakerUtxos) {
            return new Rejected(maker, Reason.TOO_MANY_UTXOS, utxos.size() + " inputs, at most " + maxMakerUtxos);
        }
        Set<OutPoint> seen = new HashSet<>();
        for (OutPoint op : utxos) {
            if (!seen.add(op)) {
                return new Rejected(maker, Reason.DUPLICATE_UTXO, "declared twice: " + op);
            }
            if (usedOutpoints.contains(op)) {
                return new Rejected(maker, Reason.UTXO_ALREADY_USED, "already an input of this CoinJoin: " + op);
            }
        }
        byte[] authPub = parseCompressedPubKey(claim.authPubHex());
        if (authPub == null) {
            return new Rejected(maker, Reason.BAD_AUTH_PUBKEY, "not a compressed public key");
        }
        if (!verifyAuthSignature(authPub, makerBoxPubHex, claim.btcSigBase64())) {
            return new Rejected(maker, Reason.BAD_AUTH_SIGNATURE, "btc_sig does not sign our view of the box key");
        }
        byte[] cjScript = outputScript(claim.cjAddress());
        byte[] changeScript = outputScript(claim.changeAddress());
        if (cjScript == null || changeScript == null) {
            return new Rejected(maker, Reason.BAD_ADDRESS, "address invalid for " + network.wireName());
        }
        String cjHex = HexFormat.of().formatHex(cjScript);
        String changeHex = HexFormat.of().formatHex(changeScript);
        if (cjHex.equals(changeHex) || usedScriptsHex.contains(cjHex) || usedScriptsHex.contains(changeHex)) {
            return new Rejected(maker, Reason.ADDRESS_REUSED, "output address already used in this CoinJoin");
        }
        byte[] authScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(authPub)).program();
        boolean authIsInput = false;
        List<CoinJoinInput> inputs = new ArrayList<>();
        long total = 0;
        for (OutPoint op : utxos) {
            Optional<TxOutInfo> info = lookups.getOrDefault(op, Optional.empty());
            if (info == null || info.isEmpty()) {
                return new Rejected(maker, Reason.UTXO_MISSING_OR_SPENT, "not found unspent: " + op);
            }
            TxOutInfo out = info.get();
            if (out.confirmations() < 1) {
                return new Rejected(maker, Reason.UTXO_UNCONFIRMED, "unconfirmed: " + op);
            }
            byte[] spk = out.scriptPubKey();
            if (!isP2wpkh(spk)) {
                return new Rejected(maker, Reason.UTXO_NOT_P2WPKH, "not a P2WPKH output: " + op);
            }
            if (Arrays.equals(spk, authScript)) {
                authIsInput = true;
            }
            total = Math.addExact(total, out.value().value());
            inputs.add(new CoinJoinInput(op, out.value(), spk));
        }
        if (!authIsInput) {
            return new Rejected(maker, Reason.AUTH_KEY_NOT_AN_INPUT, "auth_pub controls none of the inputs");
        }
        Sats cjFee = offer.cjFeeSats(amount);
        long change = total - amount.value() - offer.txFee().value() + cjFee.value();
        if (change < 0) {
            return new Rejected(maker, Reason.INSUFFICIENT_INPUTS, "inputs " + total + " do not cover the amount");
        }
        if (change < MAKER_CHANGE_MIN) {
            return new Rejected(maker, Reason.CHANGE_BELOW_DUST, "change " + change + " below " + MAKER_CHANGE_MIN);
        }
        return new Accepted(maker, inputs, cjScript, changeScript, Sats.of(change), cjFee);
    }

    private byte[] outputScript(String address) {
        try {
            Address a = AddressParser.getDefault(network.bitcoinj()).parseAddress(address);
            return ScriptBuilder.createOutputScript(a).program();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isP2wpkh(byte[] spk) {
        return spk.length == 22 && spk[0] == 0x00 && spk[1] == 0x14;
    }

    private static byte[] parseCompressedPubKey(String hex) {
        if (hex.length() != 66) {
            return null;
        }
        try {
            byte[] b = HexFormat.of().parseHex(hex);
            if (b[0] != 2 && b[0] != 3) {
                return null;
            }
            ECKey.fromPublicOnly(b); // validates the point
            return b;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Verifies the Bitcoin-message signature over the ASCII of the maker's box key, re-encoded
     * in lowercase hex as the reference taker does.
     */
    static boolean verifyAuthSignature(byte[] pub, String makerBoxPubHex, String sigBase64) {
        try {
            byte[] der = Base64.getDecoder().decode(sigBase64);
            byte[] msg = makerBoxPubHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            byte[] hash = MessageSigning.bitcoinMessageHash(msg);
            return ECKey.verify(hash, ECKey.ECDSASignature.decodeFromDER(der), pub);
        } catch (Exception e) {
            return false;
        }
    }
}
