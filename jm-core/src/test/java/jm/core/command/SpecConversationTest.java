package jm.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.crypto.Hashes;
import jm.core.crypto.NickKey;
import jm.core.offer.OfferType;
import jm.core.podle.PodleRevelation;
import jm.core.wire.Envelope;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.SpecExamples;
import jm.core.wire.VerifiedPrivMsg;
import org.junit.jupiter.api.Test;

/**
 * The CoinJoin conversation of PROTOCOL.md 5 (keys and nonces of Appendix A): every example line
 * is parsed into its typed command, decrypted where encrypted, and rebuilt byte for byte from the
 * typed value with the same keys and nonces.
 */
class SpecConversationTest {
    static final HexFormat HEX = HexFormat.of();
    static final NickKey TAKER = NickKey.fromPrivateKey(HEX.parseHex("5cd8961754abf0f2fa910551d784eab4c91412e36d8a5e3df01b0774004faccb"));
    static final NickKey MAKER = NickKey.fromPrivateKey(HEX.parseHex("12c110f8d80a5e3c6d479a03b9fbc91cb0517f41b04bdd4007cc350b48712c84"));
    static final BoxKeyPair TAKER_BOX = BoxKeyPair.fromSecret(label("jm-spec taker nacl key"));
    static final BoxKeyPair MAKER_BOX = BoxKeyPair.fromSecret(label("jm-spec maker nacl key"));

    static byte[] label(String s) {
        return Hashes.sha256(s.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] nonce(String which) {
        return Arrays.copyOf(label("jm-spec nonce " + which), 24);
    }

    static String frame(String lineStart) {
        return SpecExamples.frames().stream().filter(f -> f.contains("\"line\": \"" + lineStart)).findFirst().orElseThrow();
    }

    static VerifiedPrivMsg privmsg(String lineStart) throws Exception {
        return RawPrivMsg.parse(Envelope.parse(frame(lineStart)).line()).verify();
    }

    @Test
    void boxKeysAreTheAppendixKeys() throws Exception {
        assertThat(TAKER_BOX.publicKeyHex()).isEqualTo("87af75cf3c9845bc7b34a3e2d4d500308cb5c48e956c42e2754538397f153464");
        assertThat(MAKER_BOX.publicKeyHex()).isEqualTo("90462b69c969551cc49db8369bf82126bb35cc594af3f5e9fb3a8136a995d932");
    }

    @Test
    void orderbookRequestAndCancelArePublicCommands() throws Exception {
        for (String start : List.of("J56Qu3cvNvi3Y1vt!PUBLIC!orderbook", "J59y7hPYEhZ3MzDt!PUBLIC!cancel 0",
                "J59y7hPYEhZ3MzDt!PUBLIC!sw0reloffer", "J5Eh3UUSxHmMPnyf!PUBLIC!hp2")) {
            String f = frame(start);
            PubMsg pm = PubMsg.parse(Envelope.parse(f).line());
            ParsedCommands<PublicCommand> cmds = Commands.parsePublic(pm);
            assertThat(cmds.isClean()).isTrue();
            assertThat(Commands.publicMessage(pm.from(), cmds.commands()).toEnvelope().toJson()).isEqualTo(f);
        }
    }

    @Test
    void fillRoundTrips() throws Exception {
        VerifiedPrivMsg v = privmsg("J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!fill");
        Fill fill = (Fill) single(v);
        assertThat(fill.oid()).isZero();
        assertThat(fill.amount()).isEqualTo(Sats.of(1_000_000));
        assertThat(fill.takerBoxPubHex()).isEqualTo(TAKER_BOX.publicKeyHex());
        assertThat(fill.commitment().toHex()).isEqualTo("45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2");
        assertThat(Commands.sign(TAKER, v.to(), fill).toEnvelope().toJson()).isEqualTo(frame("J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!fill"));
    }

    @Test
    void pubkeyWithAndWithoutFeaturesRoundTrips() throws Exception {
        List<String> frames = SpecExamples.framesOfType(685).stream().filter(f -> f.contains("!pubkey ")).toList();
        assertThat(frames).hasSize(2);
        PubKey plain = (PubKey) single(RawPrivMsg.parse(Envelope.parse(frames.get(0)).line()).verify());
        PubKey ng = (PubKey) single(RawPrivMsg.parse(Envelope.parse(frames.get(1)).line()).verify());
        assertThat(plain).isEqualTo(PubKey.of(MAKER_BOX.publicKeyHex()));
        assertThat(ng.has("neutrino_compat")).isTrue();
        assertThat(Commands.sign(MAKER, TAKER.nick(), plain).toEnvelope().toJson()).isEqualTo(frames.get(0));
        assertThat(Commands.sign(MAKER, TAKER.nick(), ng).toEnvelope().toJson()).isEqualTo(frames.get(1));
    }

    @Test
    void authDecryptsToTheRevelationAndIsRebuiltByteExactly() throws Exception {
        PodleRevelation rev = openAndRebuild("J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!auth", Auth::new, PodleRevelation::toWire);
        assertThat(rev.toWire()).isEqualTo("f5ba48a135c4672f3e16861c083192d24dab4618d596b0d786454c0ab5d094bf:0|"
                + "0315db2fb2e304101fc7b54635862282ded7c22edba7b03abad718aef703352476|"
                + "02685cdabae938d72ad3b51c6adb0742e336d310dd4bda1016783c6cc8f0280475|"
                + "fd8a15a9741bbf1fd69f2b7a5ce7bdcf19733939e7f5724b0b30ef1e8c8740a5|"
                + "60e38b618b9b795c7f49e29b28adb9ddcd5b9c98a3c5379c17cb9edbd423378c");
    }

    @Test
    void ioauthDecryptsBindsTheMakerBoxKeyAndIsRebuiltByteExactly() throws Exception {
        IoAuthPayload p = openAndRebuild("J59y7hPYEhZ3MzDt!J56Qu3cvNvi3Y1vt!ioauth", IoAuth::new, IoAuthPayload::toWire);
        assertThat(p.utxos()).hasSize(1);
        assertThat(p.utxos().get(0).toWire()).isEqualTo("e8ccd905636321e8397ff0561ac11bf35892651847fb436b937a761c3df8a1df:1");
        assertThat(p.authPubHex()).isEqualTo("035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180");
        assertThat(p.cjAddress()).isEqualTo("bc1qw2gec7kudehwj0ph7w2mc695n47va476udqmxu");
        assertThat(p.changeAddress()).isEqualTo("bc1qa0cm6vm86q3xdnwd6ltwfn2ykw4evz3j3je0nv");
        assertThat(p.bindsBoxKey(MAKER_BOX.publicKeyHex())).isTrue();
        assertThat(p.bindsBoxKey(TAKER_BOX.publicKeyHex())).isFalse();
        // the maker side can build the same payload from the UTXO key
        org.bitcoinj.crypto.ECKey inputKey = org.bitcoinj.crypto.ECKey.fromPrivate(label("jm-spec maker input key"));
        IoAuthPayload made = IoAuthPayload.create(p.utxos(), inputKey, p.cjAddress(), p.changeAddress(), MAKER_BOX.publicKeyHex());
        assertThat(made).isEqualTo(p);
    }

    @Test
    void txDecryptsToTheUnsignedTransaction() throws Exception {
        TxPayload p = openAndRebuild("J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!tx", Tx::new, TxPayload::toWire);
        assertThat(HEX.formatHex(p.tx())).isEqualTo("0200000002dfa1f83d1c767a936b43fb4718659258f31bc11a56f07f39e821636305d9cce80100000000feffffffbf94d0b50a4c4586d7b096d51846ab4dd29231081c86163e2f67c435a148baf50000000000feffffff0440420f0000000000160014b4e8a2a37431e01408845fed2fae8770d4da130f14093d0000000000160014ebf1bd3367d02266cdcdd7d6e4cd44b3ab960a320e400f00000000001600148860b70f6334ec7253aaf6505a61bb0fba86dc9740420f000000000016001472919c7adc6e6ee93c37f395bc68b49d7cced7da93bb0d00");
    }

    @Test
    void sigDecryptsToTheScriptPushBlob() throws Exception {
        SigPayload p = openAndRebuild("J59y7hPYEhZ3MzDt!J56Qu3cvNvi3Y1vt!sig", Sig::new, SigPayload::toWire);
        assertThat(HEX.formatHex(p.toScriptBytes())).isEqualTo("483045022100ab1dad05f90393bd307a2e97ae6c3598ac87704370af65ccb29dc769241a2d4202207f1d804c9fb35c8779594835328cb0efbea1ac6b3f9a4df3efb94d8aa62ce4d90121035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180");
        assertThat(p.toWire()).isEqualTo("SDBFAiEAqx2tBfkDk70wei6Xrmw1mKyHcENwr2XMsp3HaSQaLUICIH8dgEyfs1yHeVlINTKMsO++oaxrP5pN8++5TYqmLOTZASEDUVLrutIYYhIG3PWZU1fFavjqZD8nP6STIxe0jEv8wYA=");
    }

    @Test
    void pushErrorAndHp2RoundTrip() throws Exception {
        for (String start : List.of("J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!push", "J59y7hPYEhZ3MzDt!J56Qu3cvNvi3Y1vt!error",
                "J59y7hPYEhZ3MzDt!J59ZjjDtY2v1G1F9!hp2")) {
            VerifiedPrivMsg v = privmsg(start);
            PlaintextCommand c = (PlaintextCommand) single(v);
            assertThat(Commands.sign(MAKER.nick().equals(v.from()) ? MAKER : TAKER, v.to(), c).toEnvelope().toJson())
                    .isEqualTo(frame(start));
        }
        assertThat(((ErrorCommand) single(privmsg("J59y7hPYEhZ3MzDt!J56Qu3cvNvi3Y1vt!error"))).text()).isEqualTo("amount out of range");
    }

    @Test
    void offersWithBondInOneSignedMessageRoundTrip() throws Exception {
        List<String> frames = SpecExamples.framesOfType(685).stream().filter(f -> f.contains("!sw0reloffer ")).toList();
        assertThat(frames).hasSize(2);
        for (String f : frames) {
            VerifiedPrivMsg v = RawPrivMsg.parse(Envelope.parse(f).line()).verify();
            ParsedCommands<PrivateCommand> parsed = Commands.parsePrivate(v);
            assertThat(parsed.isClean()).isTrue();
            List<PlaintextCommand> cmds = parsed.commands().stream().map(PlaintextCommand.class::cast).toList();
            assertThat(cmds.get(0)).isInstanceOf(OfferCommand.class);
            assertThat(((OfferCommand) cmds.get(0)).offer().type()).isEqualTo(OfferType.SW0RELOFFER);
            assertThat(Commands.sign(MAKER, TAKER.nick(), cmds).toEnvelope().toJson()).isEqualTo(f);
        }
    }

    /**
     * Decrypts the example's encrypted command with the receiver's box key, and checks that the
     * payload encrypted again by the sender under the spec's nonce for that command (named by it)
     * rebuilds the example frame byte for byte.
     */
    private static <C extends SealedCommand<P>, P> P openAndRebuild(String lineStart, Function<String, C> command,
            Function<P, String> toWire) throws Exception {
        VerifiedPrivMsg v = privmsg(lineStart);
        Command received = single(v);
        boolean fromMaker = MAKER.nick().equals(v.from());
        BoxKeyPair sender = fromMaker ? MAKER_BOX : TAKER_BOX;
        BoxKeyPair receiver = fromMaker ? TAKER_BOX : MAKER_BOX;
        C sealed = command.apply(((EncryptedCommand) received).ciphertext());
        assertThat(received).isEqualTo(sealed);
        P payload = sealed.open(BoxChannel.of(receiver, sender.publicKey()));
        C rebuilt = command.apply(BoxChannel.of(sender, receiver.publicKey())
                .encrypt(toWire.apply(payload), nonce(sealed.name().wireName())));
        assertThat(Commands.sign(fromMaker ? MAKER : TAKER, v.to(), rebuilt).toEnvelope().toJson())
                .isEqualTo(frame(lineStart));
        return payload;
    }

    private static Command single(VerifiedPrivMsg v) throws Exception {
        ParsedCommands<PrivateCommand> p = Commands.parsePrivate(v);
        assertThat(p.rejected()).isEmpty();
        assertThat(p.commands()).hasSize(1);
        return p.commands().get(0);
    }

    @Test
    void nickOfTheOtherMakerIsWellFormed() {
        assertThat(Nick.isWellFormed("J59ZjjDtY2v1G1F9")).isTrue();
    }
}
