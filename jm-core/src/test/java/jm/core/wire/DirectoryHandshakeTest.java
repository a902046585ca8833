package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.testing.RejectTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DirectoryHandshakeTest {
    static final String FRAME = SpecExamples.framesOfType(795).get(0);

    @Test
    void specExampleParsesAndReformatsByteExactly() throws Exception {
        Envelope e = Envelope.parse(FRAME);
        DirectoryHandshake d = DirectoryHandshake.parse(e.line());
        assertThat(d.accepted()).isTrue();
        assertThat(d.directory()).isTrue();
        assertThat(d.protoVerMin()).isEqualTo(5);
        assertThat(d.protoVerMax()).isEqualTo(5);
        assertThat(d.nick()).isEqualTo(new Nick("J5BxAhEAkAqJFCCa"));
        assertThat(d.features().names()).containsExactly("peerlist_features", "ping");
        assertThat(d.motd()).isEqualTo("Example directory");
        assertThat(d.toEnvelope().toJson()).isEqualTo(FRAME);
        d.checkAsClient("mainnet");
    }

    @Test
    void ofBuildsTheSameAnswer() throws Exception {
        DirectoryHandshake d = DirectoryHandshake.of(new Nick("J5BxAhEAkAqJFCCa"), "mainnet",
                Features.of("ping", "peerlist_features"), true, "Example directory");
        assertThat(d.toEnvelope().toJson()).isEqualTo(FRAME);
    }

    @Test
    void roundTripsWithLocationAndMultiLineMotd() throws Exception {
        DirectoryHandshake d = new DirectoryHandshake("joinmarket", true, 5, 5, Features.of("nick_auth"), false,
                new Nick("J5BxAhEAkAqJFCCa"), "signet", "Rejected: nick in use\nJoinMarket NG version: 1.0 \u00e9",
                Optional.of(new TcpLocation("localhost", 5222)));
        assertThat(DirectoryHandshake.parse(d.toLineJson())).isEqualTo(d);
    }

    @Test
    void singleProtoVerMeansMinEqualsMax() throws Exception {
        String line = Envelope.parse(FRAME).line().replace("\"proto-ver-min\": 5, \"proto-ver-max\": 5", "\"proto-ver\": 5");
        DirectoryHandshake d = DirectoryHandshake.parse(line);
        assertThat(d.protoVerMin()).isEqualTo(5);
        assertThat(d.protoVerMax()).isEqualTo(5);
    }

    @Test
    void clientLeavesWhenRejectedOrIncompatible() throws Exception {
        String line = Envelope.parse(FRAME).line();
        assertCheckFails(line.replace("\"accepted\": true", "\"accepted\": false"), "mainnet", "dn-handshake.accepted");
        assertCheckFails(line.replace("\"directory\": true", "\"directory\": false"), "mainnet", "dn-handshake.directory");
        assertCheckFails(line.replace("\"proto-ver-min\": 5", "\"proto-ver-min\": 6").replace("\"proto-ver-max\": 5", "\"proto-ver-max\": 7"),
                "mainnet", "dn-handshake.proto-ver");
        assertCheckFails(line.replace("\"app-name\": \"joinmarket\"", "\"app-name\": \"x\""), "mainnet", "dn-handshake.app-name");
        assertCheckFails(line, "testnet", "dn-handshake.network");
        DirectoryHandshake.parse(line.replace("\"proto-ver-min\": 5", "\"proto-ver-min\": 4")
                .replace("\"proto-ver-max\": 5", "\"proto-ver-max\": 6")).checkAsClient("mainnet");
    }

    private static void assertCheckFails(String line, String net, String field) throws ProtocolException {
        DirectoryHandshake d = DirectoryHandshake.parse(line);
        assertThatThrownBy(() -> d.checkAsClient(net)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @TestFactory
    Stream<DynamicTest> rejectsHostileInputNamingTheField() throws ProtocolException {
        return RejectTable.tests(RejectTable.loadEdits(DirectoryHandshakeTest.class, "dn-handshake-edits.txt",
                Envelope.parse(FRAME).line(), Map.of()), DirectoryHandshake::parse);
    }

    @Test
    void rejectsAnOversizedMotd() throws Exception {
        String line = Envelope.parse(FRAME).line();
        assertReject(line.replace("Example directory", "x".repeat(DirectoryHandshake.MAX_MOTD_BYTES + 1)), Reason.OVERSIZED, "dn-handshake.motd");
    }

    static void assertReject(String line, Reason reason, String field) {
        RejectTable.assertRejected(() -> DirectoryHandshake.parse(line), reason, field);
    }
}
