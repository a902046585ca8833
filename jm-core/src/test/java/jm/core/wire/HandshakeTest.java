package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.testing.RejectTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {
    static final String ONION = "lms5jrn6huohsk2u7x6eqs43xqmr5pbu3w4um5spfrvpqgu7eidrtiad.onion";
    static final String MAKER_LINE = "{\"app-name\": \"joinmarket\", \"directory\": false, \"location-string\": \""
            + ONION + ":5222\", \"proto-ver\": 5, \"features\": {}, \"nick\": \"J59y7hPYEhZ3MzDt\", \"network\": \"mainnet\"}";

    static Stream<String> specHandshakeFrames() {
        return SpecExamples.framesOfType(793).stream();
    }

    @ParameterizedTest
    @MethodSource("specHandshakeFrames")
    void specHandshakeExamplesParseAndReformatByteExactly(String frame) throws Exception {
        Envelope e = Envelope.parse(frame);
        Handshake h = Handshake.parse(e.line());
        assertThat(h.toLineJson()).isEqualTo(e.line());
        assertThat(h.toEnvelope().toJson()).isEqualTo(frame);
        h.checkPeer("mainnet");
    }

    @Test
    void parsesTheMakerExample() throws Exception {
        Handshake h = Handshake.parse(MAKER_LINE);
        assertThat(h.appName()).isEqualTo("joinmarket");
        assertThat(h.directory()).isFalse();
        assertThat(h.location()).isEqualTo(new OnionLocation(ONION, 5222));
        assertThat(h.protoVer()).isEqualTo(5);
        assertThat(h.features()).isEqualTo(Features.NONE);
        assertThat(h.nick()).isEqualTo(new Nick("J59y7hPYEhZ3MzDt"));
        assertThat(h.network()).isEqualTo("mainnet");
    }

    @Test
    void ngTakerHandshakeIsBuiltByteExactly() {
        Handshake h = Handshake.client(new Nick("J56Qu3cvNvi3Y1vt"), NotServing.INSTANCE, "mainnet",
                Features.of(Features.PING, Features.PEERLIST_FEATURES));
        assertThat(h.toEnvelope().toJson()).isEqualTo(SpecExamples.framesOfType(793).get(1));
    }

    @Test
    void roundTripsEveryNetworkNameAndLocationKind() throws Exception {
        for (String net : Handshake.NETWORK_NAMES) {
            for (Location loc : new Location[] {NotServing.INSTANCE, new OnionLocation(ONION, 5222), new TcpLocation("127.0.0.1", 27183)}) {
                Handshake h = Handshake.client(new Nick("J5BxAhEAkAqJFCCa"), loc, net, Features.of("ping", "x_1"));
                assertThat(Handshake.parse(h.toLineJson())).isEqualTo(h);
            }
        }
    }

    @Test
    void referenceRegtestPeersAnnounceTestnetAndNgPeersRegtest() throws Exception {
        Handshake ref = Handshake.parse(MAKER_LINE.replace("mainnet", "testnet"));
        Handshake ng = Handshake.parse(MAKER_LINE.replace("mainnet", "regtest"));
        ref.checkPeer("testnet");
        ng.checkPeer("regtest");
        assertThatThrownBy(() -> ref.checkPeer("regtest")).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.field()).isEqualTo("handshake.network"));
    }

    @Test
    void checkPeerRejectsWhatSection24Rejects() throws Exception {
        assertCheckFails(MAKER_LINE.replace("\"joinmarket\"", "\"otherapp\""), "handshake.app-name");
        assertCheckFails(MAKER_LINE.replace("\"directory\": false", "\"directory\": true"), "handshake.directory");
        assertCheckFails(MAKER_LINE.replace("\"proto-ver\": 5", "\"proto-ver\": 4"), "handshake.proto-ver");
        assertCheckFails(MAKER_LINE.replace("\"proto-ver\": 5", "\"proto-ver\": 6"), "handshake.proto-ver");
        assertCheckFails(MAKER_LINE.replace("mainnet", "signet"), "handshake.network");
        Handshake.parse(MAKER_LINE.replace("\"joinmarket\"", "\"JoinMarket\"")).checkPeer("mainnet");
    }

    private static void assertCheckFails(String line, String field) throws ProtocolException {
        Handshake h = Handshake.parse(line);
        assertThatThrownBy(() -> h.checkPeer("mainnet")).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).isEqualTo(Reason.INVALID);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-name", "directory", "location-string", "proto-ver", "features", "nick", "network"})
    void rejectsAHandshakeMissingAnyOfTheSevenKeys(String key) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode o = WireJson.readObject(MAKER_LINE, "t");
        o.remove(key);
        assertReject(o.toString(), Reason.MISSING_FIELD, "handshake." + key);
    }

    /** Wrong types and bad values, each naming the field. */
    @TestFactory
    Stream<DynamicTest> rejectsWrongTypesAndBadValuesNamingTheField() {
        return RejectTable.tests(RejectTable.loadEdits(HandshakeTest.class, "handshake-edits.txt", MAKER_LINE,
                Map.of("ONION", ONION, "ONION_UPPER", ONION.toUpperCase())), Handshake::parse);
    }

    @Test
    void rejectsOversizedValues() {
        assertReject(MAKER_LINE.replace("joinmarket", "j".repeat(65)), Reason.OVERSIZED, "handshake.app-name");
        assertReject(MAKER_LINE.replace(ONION + ":5222", "a".repeat(73)), Reason.OVERSIZED, "handshake.location-string");
    }

    @Test
    void featuresCountOnlyTrueValuesAndRejectHostileObjects() throws Exception {
        Handshake h = Handshake.parse(MAKER_LINE.replace("\"features\": {}",
                "\"features\": {\"ping\": true, \"peerlist_features\": false, \"neutrino_compat\": 1, \"fidelity_bond\": \"AAAA\"}"));
        assertThat(h.features().names()).containsExactly("ping");
        assertReject(MAKER_LINE.replace("\"features\": {}", "\"features\": {\"Ping\": true}"), Reason.MALFORMED, "handshake.features");
        assertReject(MAKER_LINE.replace("\"features\": {}", "\"features\": {\"ping\": {\"a\": true}}"), Reason.MALFORMED, "handshake.features.ping");
        assertReject(MAKER_LINE.replace("\"features\": {}", "\"features\": {\"ping\": [true]}"), Reason.MALFORMED, "handshake.features.ping");
        assertReject(MAKER_LINE.replace("\"features\": {}", "\"features\": {\"x\": \"" + "a".repeat(513) + "\"}"),
                Reason.OVERSIZED, "handshake.features.x");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": true");
        }
        assertReject(MAKER_LINE.replace("\"features\": {}", "\"features\": " + many + "}"), Reason.OVERSIZED, "handshake.features");
        assertReject(MAKER_LINE.replace("\"features\": {}", "\"features\": {\"ping\": true, \"ping\": false}"),
                Reason.DUPLICATE_FIELD, "handshake");
    }

    @Test
    void rejectsDuplicateKeysAndNonObjects() {
        assertReject(MAKER_LINE.replace("\"proto-ver\": 5", "\"proto-ver\": 5, \"proto-ver\": 5"), Reason.DUPLICATE_FIELD, "handshake");
        assertReject("[]", Reason.MALFORMED, "handshake");
        assertReject("", Reason.MALFORMED, "handshake");
        assertReject(MAKER_LINE.substring(0, 50), Reason.MALFORMED, "handshake");
    }

    @Test
    void ignoresUnknownExtraKeys() throws Exception {
        Handshake h = Handshake.parse(MAKER_LINE.replace("{\"app-name\"", "{\"x-extra\": {\"deep\": [1]}, \"app-name\""));
        assertThat(h).isEqualTo(Handshake.parse(MAKER_LINE));
    }

    @Test
    void constructorRejectsUnknownNetworkNames() {
        assertThatThrownBy(() -> Handshake.client(new Nick("J59y7hPYEhZ3MzDt"), NotServing.INSTANCE, "main", Features.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Handshake.NETWORK_NAMES).isEqualTo(Set.of("mainnet", "testnet", "signet", "regtest"));
    }

    static void assertReject(String line, Reason reason, String field) {
        RejectTable.assertRejected(() -> Handshake.parse(line), reason, field);
    }
}
