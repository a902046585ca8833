package jm.core.bond;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.crypto.NickKey;
import jm.core.testing.Vectors;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.HDKeyDerivation;
import org.bitcoinj.crypto.MnemonicCode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FidelityBondVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static final JsonNode ROOT = Vectors.load("fidelity_bond/fidelity_bond.json");

    static Stream<Named<JsonNode>> addresses() {
        return Vectors.named(ROOT.get("timelocked_addresses"),
                v -> v.get("chain").asText() + " timenumber " + v.get("timenumber").asInt()
                        + " (" + v.get("locktime_utc").asText() + ")");
    }

    static Stream<Named<JsonNode>> proofs() {
        return Vectors.named(ROOT.get("proofs"),
                v -> v.get("utxo").asText() + " cert_expiry " + v.get("cert_expiry").asInt());
    }

    static Stream<Named<JsonNode>> bondValues() {
        return Vectors.named(ROOT.get("bond_values"),
                v -> v.get("utxo_value").asLong() + " sats locked to " + v.get("locktime").asLong()
                        + " at " + v.get("current_time").asLong() + " -> " + v.get("value_repr").asText());
    }

    private static ECKey key(JsonNode v, String field) {
        return ECKey.fromPrivate(new BigInteger(1, HEX.parseHex(v.get(field).asText())), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void timelockedAddressMatchesReference(JsonNode v) {
        int t = v.get("timenumber").asInt();
        long locktime = TimeNumber.toLocktime(t);
        assertThat(locktime).isEqualTo(v.get("locktime").asLong());
        assertThat(TimeNumber.fromLocktime(locktime)).isEqualTo(t);
        Network net = v.get("chain").asText().equals("mainnet") ? Network.MAINNET : Network.REGTEST;
        assertThat(v.get("path").asText()).isEqualTo("m/84'/" + net.coinType() + "'/0'/2/" + t + ":" + locktime);

        byte[] pub = derivedBondKey(ROOT.get("mnemonic").asText(), net.coinType(), t);
        assertThat(HEX.formatHex(pub)).isEqualTo(v.get("pubkey_hex").asText());
        byte[] script = FidelityBondScripts.freezeScript(locktime, pub);
        assertThat(HEX.formatHex(script)).isEqualTo(v.get("redeem_script_hex").asText());
        assertThat(HEX.formatHex(FidelityBondScripts.p2wshScriptPubKey(script))).isEqualTo(v.get("scriptpubkey_hex").asText());
        assertThat(FidelityBondScripts.address(net, script)).isEqualTo(v.get("address").asText());
    }

    /** m/84'/coin'/0'/2/t from the BIP39 mnemonic, with bitcoinj (a cross-check only). */
    private static byte[] derivedBondKey(String mnemonic, int coin, int t) {
        byte[] seed = MnemonicCode.toSeed(Arrays.asList(mnemonic.split(" ")), "");
        DeterministicKey k = HDKeyDerivation.createMasterPrivateKey(seed);
        for (ChildNumber c : List.of(new ChildNumber(84, true), new ChildNumber(coin, true),
                new ChildNumber(0, true), new ChildNumber(2, false), new ChildNumber(t, false))) {
            k = HDKeyDerivation.deriveChildKey(k, c);
        }
        return k.getPubKey();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proofs")
    void buildsProofByteForByte(JsonNode v) throws ProtocolException {
        ECKey utxoKey = key(v, "utxo_privkey_hex");
        ECKey certKey = key(v, "cert_privkey_hex");
        assertThat(HEX.formatHex(utxoKey.getPubKey())).isEqualTo(v.get("utxo_pubkey_hex").asText());
        assertThat(HEX.formatHex(certKey.getPubKey())).isEqualTo(v.get("cert_pubkey_hex").asText());
        NickKey makerNickKey = NickKey.fromPrivateKey(HEX.parseHex(v.get("maker_nick_privkey_hex").asText()));
        assertThat(makerNickKey.nick().value()).isEqualTo(v.get("maker_nick").asText());
        Nick taker = new Nick(v.get("taker_nick").asText());
        Nick maker = new Nick(v.get("maker_nick").asText());
        int expiry = v.get("cert_expiry").asInt();

        assertThat(HEX.formatHex(BondProof.certMessage(certKey.getPubKey(), expiry, false)))
                .isEqualTo(v.get("cert_msg_hex").asText());
        assertThat(new String(BondProof.nickMessage(taker, maker))).isEqualTo(v.get("nick_msg").asText());

        BondProof proof = BondProof.build(utxoKey, certKey, expiry, taker, maker,
                OutPoint.parse(v.get("utxo").asText()), v.get("locktime").asLong());
        assertThat(HEX.formatHex(proof.certSig())).isEqualTo(v.get("cert_sig_der_hex").asText());
        assertThat(HEX.formatHex(proof.nickSig())).isEqualTo(v.get("nick_sig_der_hex").asText());
        assertThat(HEX.formatHex(proof.toBytes())).isEqualTo(v.get("proof_blob_hex").asText());
        assertThat(proof.toBase64()).isEqualTo(v.get("proof_blob_base64").asText());
        assertThat("!tbond " + proof.toBase64()).isEqualTo(v.get("tbond_chunk").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proofs")
    void parsesAndVerifiesProofOnlyForItsTaker(JsonNode v) throws ProtocolException {
        BondProof proof = BondProof.parse(v.get("proof_blob_base64").asText());
        assertThat(proof.utxo()).isEqualTo(OutPoint.parse(v.get("utxo").asText()));
        assertThat(proof.locktime()).isEqualTo(v.get("locktime").asLong());
        assertThat(proof.certExpiry()).isEqualTo(v.get("cert_expiry").asInt());
        assertThat(HEX.formatHex(proof.utxoPub())).isEqualTo(v.get("utxo_pubkey_hex").asText());
        assertThat(HEX.formatHex(proof.certPub())).isEqualTo(v.get("cert_pubkey_hex").asText());
        assertThat(HEX.formatHex(proof.toBytes())).isEqualTo(v.get("proof_blob_hex").asText());
        Nick taker = new Nick(v.get("taker_nick").asText());
        Nick maker = new Nick(v.get("maker_nick").asText());

        assertThat(proof.verify(taker, maker).isValid()).isEqualTo(v.get("reference_parse_ok").asBoolean());
        BondVerdict swapped = proof.verify(maker, taker);
        assertThat(v.get("reference_parse_with_swapped_nicks").asText()).contains("nick sig does not verify");
        assertThat(swapped).isInstanceOf(BondVerdict.Invalid.class);
        assertThat(((BondVerdict.Invalid) swapped).reason()).isEqualTo(BondVerdict.Reason.NICK_SIGNATURE);

        assertThat(HEX.formatHex(proof.expectedScriptPubKey())).isEqualTo(HEX.formatHex(
                FidelityBondScripts.bondScriptPubKey(proof.locktime(), proof.utxoPub())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bondValues")
    void bondValueMatchesReference(JsonNode v) {
        double value = BondValue.value(v.get("utxo_value").asLong(), v.get("confirmation_time").asLong(),
                v.get("locktime").asLong(), v.get("current_time").asLong(), v.get("interest_rate").asDouble(),
                Double.parseDouble(v.get("bond_value_exponent").asText()));
        BondValueReferenceCasesTest.assertMatchesReference(value, v.get("value_repr").asText());
    }
}
