package jm.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.Sats;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.crypto.NickKey;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;
import jm.core.podle.PodleCommitment;
import jm.core.podle.UtxoRef;
import jm.core.testing.RejectTable;
import jm.core.wire.RawPrivMsg;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CommandsTest {
    static final String PK = "87af75cf3c9845bc7b34a3e2d4d500308cb5c48e956c42e2754538397f153464";
    static final String C = "45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2";
    static final String TXID = "e8ccd905636321e8397ff0561ac11bf35892651847fb436b937a761c3df8a1df";
    static final NickKey TAKER = SpecConversationTest.TAKER;
    static final NickKey MAKER = SpecConversationTest.MAKER;
    static final BoxChannel BOX = BoxChannel.fromSharedKey(new byte[32]);
    static final String SIG64 = "MEQCIAwE+ZL7NuGks59kYN9IcwM3SFno/n1IvEJ7n+ENRLxjAiAUP5+696LViETBSeIINUYsDDR388YZp0s0YMXGWIG9dw==";

    static List<Command> samples() throws Exception {
        PodleCommitment c = PodleCommitment.parseHex(C);
        return List.of(
                Orderbook.INSTANCE,
                new OfferCommand(Offer.parse(OfferType.SW0RELOFFER, "0 100000 4972000 0 0.00002")),
                new OfferCommand(Offer.parse(OfferType.SWABSOFFER, "7 1 2 3 4")),
                new OfferCommand(Offer.parse(OfferType.RELOFFER, "1 27300 27300 0 1E-7")),
                TBond.of(new byte[252]),
                new Cancel(Long.MAX_VALUE),
                new Fill(0, Sats.of(1_000_000), PK, c),
                PubKey.of(PK),
                new PubKey(PK, Set.of("neutrino_compat", "a1")),
                new Auth(BOX.encrypt(jm.core.podle.PodleRevelation.parse(TXID + ":0|"
                        + "0315db2fb2e304101fc7b54635862282ded7c22edba7b03abad718aef703352476|"
                        + "02685cdabae938d72ad3b51c6adb0742e336d310dd4bda1016783c6cc8f0280475|" + C + "|" + C).toWire(), new byte[24])),
                new IoAuth(BOX.encrypt(ioauth().toWire(), new byte[24])),
                new Tx(BOX.encrypt(new TxPayload(new byte[] {1, 2, 3}).toWire(), new byte[24])),
                new Sig(BOX.encrypt(new SigPayload(new byte[71], HexFormat.of().parseHex("03" + C)).toWire(), new byte[24])),
                new Push(new byte[] {0, 1, 2, 3, 4}),
                new ErrorCommand("Commitment is blacklisted: " + C),
                new Hp2(c));
    }

    static IoAuthPayload ioauth() {
        return new IoAuthPayload(List.of(UtxoRef.legacy(OutPoint.of(TXID, 1)),
                UtxoRef.extended(OutPoint.of(TXID, 2), HexFormat.of().parseHex("0014d7610e8ff915145ddeffb6df37ef2e137871cba5"), 899000)),
                "035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180",
                "bcrt1qw2gec7kudehwj0ph7w2mc695n47va476udqmxu", "bc1qa0cm6vm86q3xdnwd6ltwfn2ykw4evz3j3je0nv", SIG64);
    }

    @Test
    void everyCommandRoundTripsThroughItsWireForm() throws Exception {
        List<Command> all = samples();
        assertThat(all.stream().map(Command::name).toList()).containsAll(List.of(CommandName.values()).stream()
                .filter(n -> !n.isOffer() || n == CommandName.SW0RELOFFER || n == CommandName.SWABSOFFER || n == CommandName.RELOFFER)
                .toList());
        for (Command c : all) {
            assertThat(Commands.parse(c.toWire())).as(c.toWire()).isEqualTo(c);
        }
    }

    @Test
    void encryptedPayloadsRoundTripThroughTheBox() throws Exception {
        BoxKeyPair a = BoxKeyPair.generate(new SecureRandom());
        BoxKeyPair b = BoxKeyPair.generate(new SecureRandom());
        BoxChannel ab = BoxChannel.of(a, b.publicKey());
        BoxChannel ba = BoxChannel.of(b, a.publicKey());
        assertThat(IoAuth.seal(ab, ioauth(), new SecureRandom()).open(ba)).isEqualTo(ioauth());
        TxPayload tx = new TxPayload(new byte[500]);
        assertThat(Tx.seal(ab, tx, new SecureRandom()).open(ba)).isEqualTo(tx);
        assertThat(IoAuthPayload.parse(ioauth().toWire())).isEqualTo(ioauth());
        assertThatThrownBy(() -> Tx.seal(ab, tx, new SecureRandom()).open(ab.equals(ba) ? null : BoxChannel.fromSharedKey(new byte[32])))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void typesDecideWhereACommandMayTravel() throws Exception {
        for (Command c : samples()) {
            CommandName n = c.name();
            assertThat(c instanceof PublicCommand).as(n.wireName()).isEqualTo(n.publicAllowed());
            assertThat(c instanceof EncryptedCommand).as(n.wireName()).isEqualTo(n.encrypted());
            assertThat(c instanceof PrivateCommand).as(n.wireName()).isEqualTo(n.privateFirst() || n == CommandName.TBOND);
        }
    }

    @Test
    void publicBodiesRejectPrivateAndUnknownPartsOneByOne() throws Exception {
        ParsedCommands<PublicCommand> p = Commands.parsePublicBody(
                "!cancel 0!fill 0 1 " + PK + " P" + C + "!neutrino!cancel 1!tbond AAAA!Cancel 2");
        assertThat(p.commands()).containsExactly(new Cancel(0), new Cancel(1));
        assertThat(p.rejected()).extracting(ProtocolException::reason)
                .containsExactly(Reason.FORBIDDEN, Reason.UNKNOWN, Reason.FORBIDDEN, Reason.BAD_ENCODING);
        assertThatThrownBy(() -> Commands.parsePublicBody("orderbook!orderbook"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> Commands.parsePublicBody("!!!")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Commands.parsePublicBody("cancel 0!".repeat(300)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED));
    }

    @Test
    void encryptedCommandsMustComeAloneAndAsCiphertext() throws Exception {
        String ct = new Tx(BOX.encrypt(new TxPayload(new byte[] {1}).toWire(), new byte[24])).ciphertext();
        assertThat(Commands.parsePrivateBody("tx", ct).commands()).containsExactly(new Tx(ct));
        assertThatThrownBy(() -> Commands.parsePrivateBody("tx", ct + "!push AAAA"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("tx.ciphertext"));
        assertThatThrownBy(() -> Commands.parsePrivateBody("auth", TXID + ":0|02|03|00|00"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("auth.ciphertext"));
        assertThatThrownBy(() -> Commands.parsePrivateBody("ioauth", TXID + ":0 02 a b c"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(() -> Commands.parsePrivateBody("sig", "AAAA"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("sig.ciphertext"));
        ParsedCommands<PrivateCommand> p = Commands.parsePrivateBody("error", "x!tx " + ct + "!cancel 0");
        assertThat(p.commands()).containsExactly(new ErrorCommand("x"));
        assertThat(p.rejected()).extracting(ProtocolException::reason).containsExactly(Reason.FORBIDDEN, Reason.FORBIDDEN);
    }

    @Test
    void tbondOnlyFollowsOffers() throws Exception {
        String proof = TBond.of(new byte[252]).proofBase64();
        assertThatThrownBy(() -> Commands.parsePrivateBody("tbond", proof))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
        ParsedCommands<PrivateCommand> p = Commands.parsePrivateBody("error", "x!tbond " + proof);
        assertThat(p.rejected()).extracting(ProtocolException::field).containsExactly("privmsg.tbond");
        assertThatThrownBy(() -> Commands.sign(MAKER, TAKER.nick(), List.of(TBond.of(new byte[252]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Commands.sign(MAKER, TAKER.nick(), List.of(new ErrorCommand("x"), TBond.of(new byte[252]))))
                .isInstanceOf(IllegalArgumentException.class);
        RawPrivMsg ok = Commands.sign(MAKER, TAKER.nick(), List.of(
                new OfferCommand(Offer.parse(OfferType.SW0RELOFFER, "0 1 2 0 0.1")), TBond.of(new byte[252])));
        assertThat(Commands.parsePrivate(ok.verify()).commands()).hasSize(2);
    }

    @TestFactory
    Stream<DynamicTest> rejectsHostileCommandArgumentsNamingTheField() {
        return RejectTable.tests(RejectTable.load(CommandsTest.class, "command-rejects.txt", Map.of("PK", PK, "C", C,
                "PK_UPPER", PK.toUpperCase(), "PK_SHORT", PK.substring(2), "C_UPPER", C.toUpperCase(),
                "C_TAIL", C.substring(1))), Commands::parse);
    }

    @Test
    void rejectsOversizedArguments() {
        assertReject("tbond " + "A".repeat(500), Reason.OVERSIZED, "tbond.proof");
        assertReject("auth " + "A".repeat(40_004), Reason.OVERSIZED, "auth.ciphertext");
    }

    @Test
    void hp2AcceptsEitherCaseAndSendsLowercase() throws Exception {
        Hp2 h = (Hp2) Commands.parse("hp2 " + C.toUpperCase());
        assertThat(h.toWire()).isEqualTo("hp2 " + C);
    }

    @Test
    void ioauthPayloadRejectsHostilePlaintext() {
        String good = ioauth().toWire();
        assertPayloadReject(good + " extra", Reason.MALFORMED, "ioauth");
        assertPayloadReject(good.replace("035152", "045152"), Reason.MALFORMED, "ioauth.auth_pub");
        assertPayloadReject(good.replace("035152eb", "035152EB"), Reason.BAD_ENCODING, "ioauth.auth_pub");
        assertPayloadReject(good.replace(":1,", ":1," + TXID + ":1,"), Reason.DUPLICATE_FIELD, "ioauth.utxos");
        assertPayloadReject(good.replace(TXID + ":1", TXID + ":1:00"), Reason.MALFORMED, "utxo");
        assertPayloadReject(good.replace("bcrt1q", "bcrt1q!"), Reason.BAD_ENCODING, "ioauth.cj_addr");
        assertPayloadReject(good.replace(SIG64, "AAAA"), Reason.MALFORMED, "ioauth.btc_sig");
        assertPayloadReject((TXID + ":1,").repeat(101) + good.substring(good.indexOf(' ')), Reason.OVERSIZED, "ioauth.utxos");
    }

    @Test
    void sigPayloadToleratesMissingPaddingAndChecksTheRedeemScript() throws Exception {
        SigPayload p = new SigPayload(new byte[72], HexFormat.of().parseHex("03" + C));
        String padded = p.toWire();
        assertThat(SigPayload.parse(padded.replace("=", ""))).isEqualTo(p);
        byte[] three = java.util.Arrays.copyOf(p.toScriptBytes(), p.toScriptBytes().length + 23);
        three[p.toScriptBytes().length] = 22;
        System.arraycopy(SigPayload.p2wpkhRedeemScript(p.pub()), 0, three, p.toScriptBytes().length + 1, 22);
        assertThat(SigPayload.parse(java.util.Base64.getEncoder().encodeToString(three))).isEqualTo(p);
        three[three.length - 1] ^= 1;
        assertThatThrownBy(() -> SigPayload.parse(java.util.Base64.getEncoder().encodeToString(three)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("sig.redeem_script"));
        assertThatThrownBy(() -> SigPayload.parse("SA"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(() -> SigPayload.parse("A"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING));
    }

    static void assertReject(String part, Reason reason, String field) {
        RejectTable.assertRejected(() -> Commands.parse(part), reason, field);
    }

    static void assertPayloadReject(String plaintext, Reason reason, String field) {
        RejectTable.assertRejected(() -> IoAuthPayload.parse(plaintext), reason, field);
    }
}
