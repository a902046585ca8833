package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.ProtocolException.Reason;
import jm.core.testing.RejectTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PeerlistTest {
    static final String ONION = HandshakeTest.ONION;
    static final Nick MAKER = new Nick("J59y7hPYEhZ3MzDt");
    static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");

    @Test
    void specExtendedPeerlistParsesAndReformatsByteExactly() throws Exception {
        String frame = SpecExamples.framesOfType(789).get(0);
        String line = Envelope.parse(frame).line();
        List<PeerlistEntry> entries = Peerlist.parse(line);
        assertThat(entries).containsExactly(
                PeerlistEntry.available(MAKER, new OnionLocation(ONION, 5222),
                        Features.of("neutrino_compat", "peerlist_features", "ping")),
                PeerlistEntry.available(TAKER, NotServing.INSTANCE, Features.of("peerlist_features", "ping")));
        assertThat(Peerlist.format(entries, true)).isEqualTo(line);
        assertThat(Peerlist.format(entries, false))
                .isEqualTo("J59y7hPYEhZ3MzDt;" + ONION + ":5222,J56Qu3cvNvi3Y1vt;NOT-SERVING-ONION");
    }

    @Test
    void specDisconnectNoticeParses() throws Exception {
        String line = Envelope.parse(SpecExamples.framesOfType(789).get(1)).line();
        assertThat(Peerlist.parse(line)).containsExactly(PeerlistEntry.gone(MAKER, new OnionLocation(ONION, 5222)));
        assertThat(Peerlist.format(Peerlist.parse(line), true)).isEqualTo(line);
    }

    @Test
    void emptyLineMeansNoPeers() throws Exception {
        assertThat(Peerlist.parse("")).isEmpty();
        assertThat(Peerlist.format(List.of(), true)).isEmpty();
    }

    @Test
    void acceptsDisconnectFollowedByFeatures() throws Exception {
        PeerlistEntry e = Peerlist.parseEntry(MAKER + ";" + ONION + ":5222;D;F:ping");
        assertThat(e.disconnected()).isTrue();
        assertThat(e.features().names()).containsExactly("ping");
    }

    @Test
    void roundTripsEntriesWithAndWithoutFeatures() throws Exception {
        List<PeerlistEntry> entries = List.of(
                PeerlistEntry.available(MAKER, new TcpLocation("127.0.0.1", 40001), Features.NONE),
                PeerlistEntry.gone(TAKER, NotServing.INSTANCE),
                PeerlistEntry.available(TAKER, new OnionLocation(ONION, 5222), Features.of("zeta", "alpha")));
        assertThat(Peerlist.parse(Peerlist.format(entries, true))).isEqualTo(entries);
        assertThat(Peerlist.format(entries, true)).endsWith(";F:alpha+zeta");
    }

    @TestFactory
    Stream<DynamicTest> rejectsMalformedEntriesNamingTheProblem() {
        return RejectTable.tests(RejectTable.load(PeerlistTest.class, "peerlist-rejects.txt",
                Map.of("ONION_UPPER", ONION.toUpperCase())), Peerlist::parse);
    }

    @Test
    void rejectsMoreEntriesThanTheLimit() {
        assertReject(("J59y7hPYEhZ3MzDt;NOT-SERVING-ONION,").repeat(Peerlist.MAX_ENTRIES) + "J59y7hPYEhZ3MzDt;NOT-SERVING-ONION",
                Reason.OVERSIZED, "peerlist");
    }

    @Test
    void lenientParseSkipsOnlyTheBadEntries() {
        String line = "J59y7hPYEhZ3MzDt;NOT-SERVING-ONION;F:ping,garbage,J56Qu3cvNvi3Y1vt;NOT-SERVING-ONION";
        assertThat(Peerlist.parseValidEntries(line)).extracting(PeerlistEntry::nick).containsExactly(MAKER, TAKER);
    }

    static void assertReject(String line, Reason reason, String field) {
        RejectTable.assertRejected(() -> Peerlist.parse(line), reason, field);
    }
}
