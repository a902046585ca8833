package jm.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.bond.BondProof;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.crypto.Hashes;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.NickKey;
import jm.core.crypto.NickKeys;
import jm.core.podle.Podle;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import jm.core.testing.Vectors;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PROTOCOL.md Appendix A: every key is SHA-256 of a label; from the keys and fixed nonces the
 * nicks, box keys, PoDLE values, bond proof, unsigned transaction signature and every signed
 * §5 example line are reproduced byte for byte and looked up in the spec text.
 */
class AppendixATest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SPEC = Vectors.protocolSpec();

    static byte[] label(String s) {
        return Hashes.sha256(s.getBytes(StandardCharsets.US_ASCII));
    }

    static ECKey ecKey(String s) {
        return ECKey.fromPrivate(new BigInteger(1, label(s)), true);
    }

    static byte[] nonce(String which) {
        return Arrays.copyOf(label("jm-spec nonce " + which), 24);
    }

    static final NickKey TAKER = NickKey.fromPrivateKey(label("jm-spec taker nick key"));
    static final NickKey MAKER = NickKey.fromPrivateKey(label("jm-spec maker nick key"));
    static final BoxKeyPair TAKER_BOX = BoxKeyPair.fromSecret(label("jm-spec taker nacl key"));
    static final BoxKeyPair MAKER_BOX = BoxKeyPair.fromSecret(label("jm-spec maker nacl key"));
    static final ECKey TAKER_INPUT = ecKey("jm-spec taker input key");
    static final ECKey MAKER_INPUT = ecKey("jm-spec maker input key");
    static final OutPoint TAKER_UTXO = OutPoint.of("f5ba48a135c4672f3e16861c083192d24dab4618d596b0d786454c0ab5d094bf", 0);
    static final String UNSIGNED_TX_HEX = "0200000002dfa1f83d1c767a936b43fb4718659258f31bc11a56f07f39e821636305d9cce80100000000feffffffbf94d0b50a4c4586d7b096d51846ab4dd29231081c86163e2f67c435a148baf50000000000feffffff0440420f0000000000160014b4e8a2a37431e01408845fed2fae8770d4da130f14093d0000000000160014ebf1bd3367d02266cdcdd7d6e4cd44b3ab960a320e400f00000000001600148860b70f6334ec7253aaf6505a61bb0fba86dc9740420f000000000016001472919c7adc6e6ee93c37f395bc68b49d7cced7da93bb0d00";

    private static String frame(NickKey from, String to, String cmd, String data) {
        return "{\"type\": 685, \"line\": \"" + from.nick() + "!" + to + "!" + cmd + " " + data + " "
                + from.pubKeyHex() + " " + from.signPrivmsg(data) + "\"}";
    }

    private static BoxChannel takerBox() throws ProtocolException {
        return BoxChannel.of(TAKER_BOX, MAKER_BOX.publicKey());
    }

    @Test
    void keysGiveTheListedPublicKeysAndNicks() {
        assertThat(HEX.formatHex(label("jm-spec taker nick key")))
                .isEqualTo("5cd8961754abf0f2fa910551d784eab4c91412e36d8a5e3df01b0774004faccb");
        assertThat(TAKER.pubKeyHex()).isEqualTo("03ca7757062d64bb60ca91e3b76781cc32a2757974b11b5c5e654ad1dca51223cb");
        assertThat(TAKER.nick().value()).isEqualTo("J56Qu3cvNvi3Y1vt");
        assertThat(HEX.formatHex(label("jm-spec maker nick key")))
                .isEqualTo("12c110f8d80a5e3c6d479a03b9fbc91cb0517f41b04bdd4007cc350b48712c84");
        assertThat(MAKER.pubKeyHex()).isEqualTo("03b292938c4e5b5075fae15d6761c28f009b5aaabe2c69f9624feb7b2a320dfc80");
        assertThat(MAKER.nick().value()).isEqualTo("J59y7hPYEhZ3MzDt");
        NickKey directory = NickKey.fromPrivateKey(label("jm-spec directory nick key"));
        assertThat(directory.pubKeyHex()).isEqualTo("02fe35add3dd74040aa15183e59a07d6ec034b0c4d41d7b7b618a2916fc143a76f");
        assertThat(directory.nick().value()).isEqualTo("J5BxAhEAkAqJFCCa");
        assertThat(NickKey.fromPrivateKey(label("jm-spec other maker nick")).nick().value()).isEqualTo("J59ZjjDtY2v1G1F9");
        assertThat(NickKey.fromPrivateKey(label("jm-spec ephemeral hp2 nick")).nick().value()).isEqualTo("J5Eh3UUSxHmMPnyf");
    }

    @Test
    void section32ExampleNick() {
        String pub = "03ca7757062d64bb60ca91e3b76781cc32a2757974b11b5c5e654ad1dca51223cb";
        assertThat(HEX.formatHex(Arrays.copyOf(Hashes.sha256(pub.getBytes(StandardCharsets.US_ASCII)), 10)))
                .isEqualTo("60549c4457d9d9972a8d");
        assertThat(NickKeys.encodedPart(pub)).isEqualTo("6Qu3cvNvi3Y1vt");
        assertThat(NickKeys.nickFromPubKeyHex(pub).value()).isEqualTo("J56Qu3cvNvi3Y1vt");
    }

    @Test
    void boxKeysAndSharedKey() throws ProtocolException {
        assertThat(TAKER_BOX.publicKeyHex()).isEqualTo("87af75cf3c9845bc7b34a3e2d4d500308cb5c48e956c42e2754538397f153464");
        assertThat(MAKER_BOX.publicKeyHex()).isEqualTo("90462b69c969551cc49db8369bf82126bb35cc594af3f5e9fb3a8136a995d932");
        String shared = "a7aee9b904f6a69bd5a830f4a72b4638218e5b29060301dbc4b2183ef56adf8f";
        assertThat(HEX.formatHex(takerBox().sharedKey())).isEqualTo(shared);
        assertThat(HEX.formatHex(BoxChannel.of(MAKER_BOX, TAKER_BOX.publicKey()).sharedKey())).isEqualTo(shared);
    }

    @Test
    void utxoKeysAndScripts() {
        assertThat(HEX.formatHex(TAKER_INPUT.getPubKey()))
                .isEqualTo("0315db2fb2e304101fc7b54635862282ded7c22edba7b03abad718aef703352476");
        assertThat(HEX.formatHex(ScriptBuilder.createP2WPKHOutputScript(TAKER_INPUT).program()))
                .isEqualTo("00149199234aaad5fe1c096d4e8d2072d6ec7f54811a");
        assertThat(HEX.formatHex(MAKER_INPUT.getPubKey()))
                .isEqualTo("035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180");
    }

    static PodleRevelation takerRevelation() {
        return Podle.prove(TAKER_INPUT, UtxoRef.legacy(TAKER_UTXO), 0, label("jm-spec podle nonce"));
    }

    @Test
    void podleValues() {
        PodleRevelation rev = takerRevelation();
        assertThat(HEX.formatHex(rev.p2())).isEqualTo("02685cdabae938d72ad3b51c6adb0742e336d310dd4bda1016783c6cc8f0280475");
        assertThat(rev.commitment().toHex()).isEqualTo("45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2");
        assertThat(HEX.formatHex(rev.s())).isEqualTo("fd8a15a9741bbf1fd69f2b7a5ce7bdcf19733939e7f5724b0b30ef1e8c8740a5");
        assertThat(HEX.formatHex(rev.e())).isEqualTo("60e38b618b9b795c7f49e29b28adb9ddcd5b9c98a3c5379c17cb9edbd423378c");
        assertThat(SPEC).contains("\n" + rev.toWire() + "\n");
        assertThat(Podle.verify(rev, rev.commitment(), 3).isAccepted()).isTrue();
    }

    static BondProof specBondProof() {
        return BondProof.build(ecKey("jm-spec bond utxo key"), ecKey("jm-spec bond cert key"), 447, TAKER.nick(),
                MAKER.nick(), OutPoint.of("5545ed6e0765a7275f60f67373874069c8da971d85117dab63109e70e3ad5d03", 0),
                1_798_761_600L);
    }

    @Test
    void bondProofHexAndVerification() throws ProtocolException {
        BondProof proof = specBondProof();
        assertThat(HEX.formatHex(proof.utxoPub())).isEqualTo("02e87314d5c2c6290ba198f531eb165d5e553f2bdd41424f2e50d5d646798a264d");
        assertThat(HEX.formatHex(proof.certPub())).isEqualTo("037bf3b0a633df2a3fffa6f49dad20c15dbdbbf7296c76316d2cf87020ff2f7f59");
        assertThat(SPEC).contains("\n" + HEX.formatHex(proof.toBytes()) + "\n");
        assertThat(BondProof.parse(proof.toBase64()).verify(TAKER.nick(), MAKER.nick()).isValid()).isTrue();
        assertThat(BondProof.parse(proof.toBase64()).verify(MAKER.nick(), TAKER.nick()).isValid()).isFalse();
    }

    static Transaction unsignedTx() {
        return Transaction.read(ByteBuffer.wrap(HEX.parseHex(UNSIGNED_TX_HEX)));
    }

    static TransactionSignature witnessSig(Transaction tx, int index, ECKey key, long value) {
        return tx.calculateWitnessSignature(index, key, ScriptBuilder.createP2PKHOutputScript(key),
                Coin.valueOf(value), Transaction.SigHash.ALL, false);
    }

    static byte[] makerSigBlob() {
        byte[] sig = witnessSig(unsignedTx(), 0, MAKER_INPUT, 5_000_000).encodeToBitcoin();
        byte[] pub = MAKER_INPUT.getPubKey();
        byte[] blob = new byte[2 + sig.length + pub.length];
        blob[0] = (byte) sig.length;
        System.arraycopy(sig, 0, blob, 1, sig.length);
        blob[1 + sig.length] = (byte) pub.length;
        System.arraycopy(pub, 0, blob, 2 + sig.length, pub.length);
        return blob;
    }

    @Test
    void unsignedTransactionAndMakerSigPlaintext() {
        Transaction tx = unsignedTx();
        assertThat(tx.getTxId().toString()).isEqualTo("d58a5ec8128108aab6dbfc83b1840e601e21e2e4bfb8cbb188131ee5c01ed3a3");
        assertThat(HEX.formatHex(tx.serialize())).isEqualTo(UNSIGNED_TX_HEX);
        String expected = "483045022100ab1dad05f90393bd307a2e97ae6c3598ac87704370af65ccb29dc769241a2d4202207f1d804c9fb35c8779594835328cb0efbea1ac6b3f9a4df3efb94d8aa62ce4d90121035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180";
        assertThat(HEX.formatHex(makerSigBlob())).isEqualTo(expected);
        assertThat(Base64.getEncoder().encodeToString(makerSigBlob()))
                .isEqualTo("SDBFAiEAqx2tBfkDk70wei6Xrmw1mKyHcENwr2XMsp3HaSQaLUICIH8dgEyfs1yHeVlINTKMsO++oaxrP5pN8++5TYqmLOTZASEDUVLrutIYYhIG3PWZU1fFavjqZD8nP6STIxe0jEv8wYA=");
    }

    static String signedTxBase64() {
        Transaction tx = unsignedTx();
        tx.replaceInput(0, tx.getInput(0).withWitness(
                TransactionWitness.redeemP2WPKH(witnessSig(tx, 0, MAKER_INPUT, 5_000_000), MAKER_INPUT)));
        tx.replaceInput(1, tx.getInput(1).withWitness(
                TransactionWitness.redeemP2WPKH(witnessSig(tx, 1, TAKER_INPUT, 2_000_000), TAKER_INPUT)));
        return Base64.getEncoder().encodeToString(tx.serialize());
    }

    static final String IOAUTH_PLAINTEXT = "e8ccd905636321e8397ff0561ac11bf35892651847fb436b937a761c3df8a1df:1 "
            + "035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180 "
            + "bc1qw2gec7kudehwj0ph7w2mc695n47va476udqmxu bc1qa0cm6vm86q3xdnwd6ltwfn2ykw4evz3j3je0nv ";

    @Test
    void ioauthSignatureBindsMakerBoxKey() {
        String btcSig = MessageSigning.signBase64(MAKER_INPUT, MAKER_BOX.publicKeyHex());
        assertThat(SPEC).contains("\n" + IOAUTH_PLAINTEXT + btcSig + "\n");
        assertThat(MessageSigning.verifyBase64(HEX.formatHex(MAKER_INPUT.getPubKey()),
                MAKER_BOX.publicKeyHex().getBytes(StandardCharsets.US_ASCII), btcSig)).isTrue();
    }

    static Stream<Named<String>> signedExampleLines() throws ProtocolException {
        String t = TAKER.nick().value();
        String m = MAKER.nick().value();
        BoxChannel box = takerBox();
        String fill = "0 1000000 " + TAKER_BOX.publicKeyHex() + " " + takerRevelation().commitment().toFillField();
        String ioauth = IOAUTH_PLAINTEXT + MessageSigning.signBase64(MAKER_INPUT, MAKER_BOX.publicKeyHex());
        String unsignedTxB64 = Base64.getEncoder().encodeToString(HEX.parseHex(UNSIGNED_TX_HEX));
        String sigB64 = Base64.getEncoder().encodeToString(makerSigBlob());
        List<Named<String>> lines = new ArrayList<>();
        lines.add(Named.of("5.3 offer reply with !tbond",
                frame(MAKER, t, "sw0reloffer", "0 100000 4972000 0 0.00002!tbond " + specBondProof().toBase64())));
        lines.add(Named.of("5.3 multi-offer reply",
                frame(MAKER, t, "sw0reloffer", "0 100000 4972000 0 0.00002!sw0absoffer 1 100000 4972000 0 250")));
        lines.add(Named.of("5.4 !fill", frame(TAKER, m, "fill", fill)));
        lines.add(Named.of("5.5 !pubkey", frame(MAKER, t, "pubkey", MAKER_BOX.publicKeyHex())));
        lines.add(Named.of("5.5 !pubkey with features",
                frame(MAKER, t, "pubkey", MAKER_BOX.publicKeyHex() + " features=neutrino_compat")));
        lines.add(Named.of("5.6 !auth", frame(TAKER, m, "auth", box.encrypt(takerRevelation().toWire(), nonce("auth")))));
        lines.add(Named.of("5.7 !ioauth", frame(MAKER, t, "ioauth", box.encrypt(ioauth, nonce("ioauth")))));
        lines.add(Named.of("5.8 !tx", frame(TAKER, m, "tx", box.encrypt(unsignedTxB64, nonce("tx")))));
        lines.add(Named.of("5.9 !sig", frame(MAKER, t, "sig", box.encrypt(sigB64, nonce("sig")))));
        lines.add(Named.of("5.10 !push", frame(TAKER, m, "push", signedTxBase64())));
        lines.add(Named.of("5.11 !error", frame(MAKER, t, "error", "amount out of range")));
        lines.add(Named.of("5.12 !hp2 relay request", frame(MAKER, "J59ZjjDtY2v1G1F9", "hp2",
                takerRevelation().commitment().toHex())));
        return lines.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedExampleLines")
    void reproducesSignedExampleLineByteForByte(String frame) {
        assertThat(SPEC).contains("\n" + frame + "\n");
    }

    /** Every signed line of §5 verifies and is bound to its sender's nick; encrypted ones decrypt. */
    @Test
    void everySignedSpecLineVerifiesAndEncryptedOnesDecrypt() throws ProtocolException {
        Matcher m = Pattern.compile("\\{\"type\": 685, \"line\": \"([^\"]+)\"}").matcher(SPEC);
        BoxChannel atMaker = BoxChannel.of(MAKER_BOX, TAKER_BOX.publicKey());
        int count = 0;
        while (m.find()) {
            String[] parts = m.group(1).split("!", 3);
            String[] tokens = parts[2].split(" ");
            String pub = tokens[tokens.length - 2];
            String data = String.join(" ", Arrays.asList(tokens).subList(1, tokens.length - 2));
            assertThat(MessageSigning.verifyPrivmsg(pub, data, tokens[tokens.length - 1])).as(m.group(1)).isTrue();
            assertThat(NickKeys.matches(new Nick(parts[0]), pub)).isTrue();
            if (List.of("auth", "ioauth", "tx", "sig").contains(tokens[0])) {
                assertThat(atMaker.decrypt(data)).isNotEmpty();
            }
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(12);
    }
}
