package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jm.core.ProtocolException;
import jm.core.wire.Handshake;
import jm.core.wire.Location;
import jm.core.wire.NotServing;
import jm.core.wire.TcpLocation;
import jm.directory.metrics.RejectReason;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The directory's reading of client handshakes on top of jm-core's parser. */
class ClientHelloTest {
    static final String NICK = "J56Qu3cvNvi3Y1vt";

    static String line(String location, String network) {
        return TestClient.handshakeLine(NICK, location, network, "{}");
    }

    static RejectReason refusal(String line) {
        try {
            ClientHello.accept(line, "regtest");
        } catch (ProtocolException e) {
            return ClientHello.rejectReason(e);
        }
        throw new AssertionError("accepted: " + line);
    }

    @Test
    void readsAnEmptyLocationAsNotServing() throws Exception {
        Handshake h = ClientHello.accept(line("", "regtest"), "regtest");
        assertThat(h.location()).isEqualTo(NotServing.INSTANCE);
        assertThat(h.nick().value()).isEqualTo(NICK);
    }

    @Test
    void keepsAServingLocation() throws Exception {
        Handshake h = ClientHello.accept(line("127.0.0.1:5222", "regtest"), "regtest");
        assertThat(h.location()).isInstanceOf(TcpLocation.class);
        assertThat(h.location().toWire()).isEqualTo("127.0.0.1:5222");
    }

    @Test
    void stillRejectsAMalformedNonEmptyLocation() {
        assertThatThrownBy(() -> ClientHello.parse(line("nocolon", "regtest"))).isInstanceOf(ProtocolException.class);
        assertThat(refusal(line("nocolon", "regtest"))).isEqualTo(RejectReason.BAD_HANDSHAKE);
    }

    @Test
    void countsAnyOtherOrUnknownNetworkAsWrongNetwork() {
        assertThat(refusal(line("NOT-SERVING-ONION", "mainnet"))).isEqualTo(RejectReason.WRONG_NETWORK);
        assertThat(refusal(line("NOT-SERVING-ONION", "testnet4"))).isEqualTo(RejectReason.WRONG_NETWORK);
        assertThat(refusal(line("NOT-SERVING-ONION", "Regtest"))).isEqualTo(RejectReason.WRONG_NETWORK);
    }

    @Test
    void countsOtherIncompatibilitiesAndGarbageAsBadHandshake() {
        String ok = line("NOT-SERVING-ONION", "regtest");
        assertThat(refusal(ok.replace("\"directory\": false", "\"directory\": true")))
                .isEqualTo(RejectReason.BAD_HANDSHAKE);
        assertThat(refusal(ok.replace("\"proto-ver\": 5", "\"proto-ver\": 4"))).isEqualTo(RejectReason.BAD_HANDSHAKE);
        assertThat(refusal(ok.replace("\"joinmarket\"", "\"other\""))).isEqualTo(RejectReason.BAD_HANDSHAKE);
        assertThat(refusal(ok.replace(", \"network\": \"regtest\"", ""))).isEqualTo(RejectReason.BAD_HANDSHAKE);
        assertThat(refusal(ok.replace("\"location-string\": \"NOT-SERVING-ONION\"", "\"location-string\": 5")))
                .isEqualTo(RejectReason.BAD_HANDSHAKE);
        assertThat(refusal("{not json")).isEqualTo(RejectReason.BAD_HANDSHAKE);
        assertThat(refusal("[]")).isEqualTo(RejectReason.BAD_HANDSHAKE);
    }

    @Test
    void acceptsTheAppNameInAnyCase() throws Exception {
        String ok = line("NOT-SERVING-ONION", "regtest").replace("\"joinmarket\"", "\"JoinMarket\"");
        assertThat(ClientHello.accept(ok, "regtest").appName()).isEqualTo("JoinMarket");
    }

    @Test
    void torModeAcceptsOnlyOnionLocationsOrNotServing() throws Exception {
        String onion = "lms5jrn6huohsk2u7x6eqs43xqmr5pbu3w4um5spfrvpqgu7eidrtiad.onion:5222";
        assertThat(ClientHello.locationProblem(Location.parse(onion), false)).isEmpty();
        assertThat(ClientHello.locationProblem(NotServing.INSTANCE, false)).isEmpty();
        assertThat(ClientHello.locationProblem(Location.parse("127.0.0.1:5222"), false)).get(InstanceOfAssertFactories.STRING)
                .contains("127.0.0.1:5222", "not an onion address");
        assertThat(ClientHello.check(ClientHello.parse(line("127.0.0.1:5222", "mainnet")), "mainnet", false))
                .get().extracting(ClientHello.Refusal::reason).isEqualTo(RejectReason.BAD_LOCATION);
    }

    @Test
    void localModeAcceptsOnlyLoopbackLocationsOrNotServing() throws Exception {
        for (String ok : new String[] {"127.0.0.1:1", "127.255.0.9:5222", "localhost:80", "LOCALHOST:80"}) {
            assertThat(ClientHello.locationProblem(Location.parse(ok), true)).as(ok).isEmpty();
        }
        for (String bad : new String[] {"evil.example.com:80", "127.0.0.1.evil.com:80", "127.0.0.256:80",
                "127.1:80", "0.0.0.0:80", "1270.0.0.1:80", "lms5jrn6huohsk2u7x6eqs43xqmr5pbu3w4um5spfrvpqgu7eidrtiad.onion:5222"}) {
            assertThat(ClientHello.locationProblem(Location.parse(bad), true)).as(bad).isPresent();
        }
    }

    @Test
    void namesBothNetworksWhenTheyDiffer() throws Exception {
        ClientHello.Refusal r = ClientHello.check(ClientHello.parse(line("NOT-SERVING-ONION", "regtest")), "testnet", true)
                .orElseThrow();
        assertThat(r.reason()).isEqualTo(RejectReason.WRONG_NETWORK);
        assertThat(r.text()).isEqualTo("this directory runs testnet, you announced regtest");
    }
}
