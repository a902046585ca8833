package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jm.core.ProtocolException;
import jm.core.testing.RoundTrip;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for every wire parser. Property: a parser either returns a value or throws
 * {@link ProtocolException} (nothing else escapes), and what it returns formats back to text
 * that parses to the same value. Regression mode runs in every build; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl jm-core test -Dtest=WireFuzzTest#envelope}.
 */
class WireFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void envelope(FuzzedDataProvider data) {
        checkEnvelope(data.consumeRemainingAsBytes());
    }

    @FuzzTest(maxDuration = "60s")
    void handshake(FuzzedDataProvider data) {
        checkHandshake(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "60s")
    void directoryHandshake(FuzzedDataProvider data) {
        checkDirectoryHandshake(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "60s")
    void peerlist(FuzzedDataProvider data) {
        checkPeerlist(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "60s")
    void pubmsgLine(FuzzedDataProvider data) {
        checkPubMsg(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "60s")
    void privmsgLine(FuzzedDataProvider data) {
        checkPrivMsg(data.consumeRemainingAsString());
    }

    static void checkEnvelope(byte[] bytes) {
        try {
            Envelope e = Envelope.parse(bytes);
            String json = e.toJson();
            if (json.length() <= Envelope.MAX_RECEIVE_LINE_BYTES) {
                assertThat(Envelope.parse(json)).isEqualTo(e);
            }
            String line = e.line();
            checkHandshake(line);
            checkDirectoryHandshake(line);
            checkPeerlist(line);
            checkPubMsg(line);
            checkPrivMsg(line);
        } catch (ProtocolException expected) {
            // rejected with a typed error: fine
        }
    }

    static void checkHandshake(String s) {
        RoundTrip.check(s, Handshake::parse, Handshake::toLineJson, h -> h.checkPeer("mainnet"));
    }

    static void checkDirectoryHandshake(String s) {
        RoundTrip.check(s, DirectoryHandshake::parse, DirectoryHandshake::toLineJson, d -> d.checkAsClient("regtest"));
    }

    static void checkPeerlist(String s) {
        Peerlist.parseValidEntries(s);
        try {
            List<PeerlistEntry> entries = Peerlist.parse(s);
            assertThat(Peerlist.parse(Peerlist.format(entries, true))).isEqualTo(normalised(entries));
        } catch (ProtocolException expected) {
            // rejected
        }
    }

    /** Formatting drops features of disconnected entries (NG never combines D and F). */
    private static List<PeerlistEntry> normalised(List<PeerlistEntry> entries) {
        List<PeerlistEntry> out = new ArrayList<>();
        for (PeerlistEntry e : entries) {
            out.add(e.disconnected() ? PeerlistEntry.gone(e.nick(), e.location()) : e);
        }
        return out;
    }

    static void checkPubMsg(String s) {
        RoundTrip.check(s, PubMsg::parse, PubMsg::toLine);
    }

    static void checkPrivMsg(String s) {
        RoundTrip.check(s, RawPrivMsg::parse, RawPrivMsg::toLine, RawPrivMsg::verify);
    }

    /** Deterministic hostile variants of every spec example: truncations and byte flips. */
    @Test
    void specExamplesAndTheirMutationsHoldTheFuzzProperty() {
        List<String> seeds = new ArrayList<>(SpecExamples.frames());
        int checked = 0;
        for (String seed : seeds) {
            byte[] b = seed.getBytes(StandardCharsets.UTF_8);
            checkEnvelope(b);
            for (int cut = 0; cut < b.length; cut += 7) {
                checkEnvelope(java.util.Arrays.copyOf(b, cut));
                checked++;
            }
            for (int i = 0; i < b.length; i += 5) {
                byte[] m = b.clone();
                m[i] ^= (byte) (1 << (i % 8));
                checkEnvelope(m);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
