package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Optional;
import jm.core.ProtocolException;
import jm.core.crypto.NickKey;
import jm.core.crypto.NickKeys;
import org.junit.jupiter.api.Test;

class NickAuthTest {
    static final String ONION = "lms5jrn6huohsk2u7x6eqs43xqmr5pbu3w4um5spfrvpqgu7eidrtiad.onion";
    final NickKey key = NickKey.fromPrivateKey(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});
    final String handshakeLine = Handshake.client(key.nick(), NotServing.INSTANCE, "mainnet",
            Features.of(Features.NICK_AUTH)).toLineJson();

    NickAuth.Challenge challenge(boolean withKind) {
        return new NickAuth.Challenge("ab".repeat(32), ONION + ":5222", withKind);
    }

    @Test
    void theDirectoryIdOfAnEndpointIsTheLowercaseHostAndPort() {
        assertThat(NickAuth.directoryIdFor(ONION.toUpperCase() + ".", 5222)).isEqualTo(ONION + ":5222");
        assertThat(NickAuth.isOnionHost(ONION.toUpperCase())).isTrue();
        assertThat(NickAuth.isOnionHost("127.0.0.1")).isFalse();
        assertThat(NickAuth.isValidDirectoryId("127.0.0.1:5222")).isTrue();
        assertThat(NickAuth.isValidDirectoryId("Upper:1")).isFalse();
    }

    @Test
    void theTranscriptIsTheSpecText() {
        byte[] t = NickAuth.transcript("00".repeat(32), "d:1", "11".repeat(32), key.nick(), key.pubKeyHex());
        assertThat(new String(t, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("nick-auth|" + "00".repeat(32)
                + "|d:1|" + "11".repeat(32) + "|" + key.nick() + "|" + key.pubKeyHex() + "nick-auth-v1");
    }

    @Test
    void aProofVerifiesOnlyForItsChallengeDirectoryHandshakeAndNick() throws Exception {
        for (boolean withKind : new boolean[] {false, true}) {
            NickAuth.Challenge c = NickAuth.Challenge.parse(challenge(withKind).toJson());
            assertThat(c).isEqualTo(challenge(withKind));
            NickAuth.Proof p = NickAuth.Proof.parse(NickAuth.Proof.create(key, c, handshakeLine).toJson());
            assertThat(p.echo().isPresent()).isEqualTo(withKind);
            assertThat(p.verifies(c, handshakeLine, key.nick())).isTrue();
            assertThat(p.verifies(new NickAuth.Challenge("cd".repeat(32), c.directoryId(), withKind), handshakeLine,
                    key.nick())).isFalse();
            assertThat(p.verifies(new NickAuth.Challenge(c.challenge(), "other:5222", withKind), handshakeLine,
                    key.nick())).isFalse();
            assertThat(p.verifies(c, handshakeLine + " ", key.nick())).isFalse();
            NickKey other = NickKey.random(new SecureRandom());
            assertThat(p.verifies(c, handshakeLine, other.nick())).isFalse();
            // someone else's key cannot prove our nick
            NickAuth.Proof squatter = NickAuth.Proof.create(other, c, handshakeLine);
            assertThat(squatter.verifies(c, handshakeLine, key.nick())).isFalse();
        }
    }

    @Test
    void payloadsAreCompactJsonInNgLayout() {
        NickAuth.Challenge c = challenge(false);
        assertThat(c.toJson()).isEqualTo("{\"challenge\":\"" + "ab".repeat(32) + "\",\"directory-id\":\"" + ONION
                + ":5222\"}");
        String proof = NickAuth.Proof.create(key, c, handshakeLine).toJson();
        assertThat(proof).startsWith("{\"pubkey\":\"" + key.pubKeyHex() + "\",\"signature\":\"").endsWith("\"}");
        assertThat(NickAuth.Proof.create(key, challenge(true), handshakeLine).toJson())
                .startsWith("{\"kind\":\"proof\",\"challenge\":\"" + "ab".repeat(32) + "\",\"handshake-sha256\":\""
                        + NickAuth.handshakeHash(handshakeLine) + "\",\"pubkey\":");
        assertThat(new NickAuth.Result(NickAuth.Code.OK).toJson()).isEqualTo("{\"code\":\"ok\",\"verified\":true}");
        assertThat(new NickAuth.Result(NickAuth.Code.POLICY).toJson())
                .isEqualTo("{\"code\":\"policy\",\"verified\":false}");
        assertThat(NickKeys.matches(key.nick(), key.pubKeyHex())).isTrue();
    }

    @Test
    void rejectsUnknownOrDuplicateKeysBadValuesAndInconsistentResults() {
        String ok = challenge(false).toJson();
        assertThatThrownBy(() -> NickAuth.Challenge.parse(ok.replace("{", "{\"x\":1,")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Challenge.parse(ok.replace("}", ",\"challenge\":\"" + "ab".repeat(32)
                + "\"}"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Challenge.parse(ok.replace("ab", "AB")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Challenge.parse(ok.replace("{", "{\"kind\":\"proof\",")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Proof.parse("{\"pubkey\":\"" + key.pubKeyHex().toUpperCase()
                + "\",\"signature\":\"AA==\"}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Result.parse("{\"code\":\"ok\",\"verified\":false}"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Result.parse("{\"code\":\"maybe\",\"verified\":false}"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> NickAuth.Result.parse("x".repeat(NickAuth.MAX_LINE_CHARS + 1)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void resultsParse() throws Exception {
        assertThat(NickAuth.Result.parse("{\"code\":\"ok\",\"verified\":true}").verified()).isTrue();
        assertThat(NickAuth.Result.parse("{\"verified\":false,\"code\":\"invalid\"}").code())
                .isEqualTo(NickAuth.Code.INVALID);
        assertThat(Optional.of(NickAuth.Result.parse("{\"code\":\"expired\",\"verified\":false}"))
                .map(NickAuth.Result::verified)).contains(false);
    }
}
