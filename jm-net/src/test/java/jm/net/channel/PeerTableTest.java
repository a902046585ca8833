package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.Features;
import jm.core.wire.NotServing;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.TcpLocation;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Nick nick() {
        return NickKey.random(RANDOM).nick();
    }

    @Test
    void aNickIsPresentUntilGoneOnEveryDirectory() {
        PeerTable t = new PeerTable(100);
        Nick n = nick();
        t.apply("a", PeerlistEntry.available(n, new TcpLocation("127.0.0.1", 1000), Features.NONE));
        t.apply("b", PeerlistEntry.available(n, new TcpLocation("127.0.0.1", 1000), Features.NONE));
        t.apply("a", PeerlistEntry.gone(n, new TcpLocation("127.0.0.1", 1000)));
        assertThat(t.get(n).orElseThrow().presentOn()).containsExactly("b");
        t.directoryLost("b");
        assertThat(t.get(n).orElseThrow().presentOn()).isEmpty();
        assertThat(t.presentNicks()).isEmpty();
    }

    @Test
    void seeingTrafficKeepsAKnownLocation() {
        PeerTable t = new PeerTable(100);
        Nick n = nick();
        t.apply("a", PeerlistEntry.available(n, new TcpLocation("127.0.0.1", 1000), Features.of(Features.PING)));
        t.seen("a", n);
        assertThat(t.get(n).orElseThrow().servingLocation()).contains(new TcpLocation("127.0.0.1", 1000));
        Nick quiet = nick();
        t.seen("a", quiet);
        assertThat(t.get(quiet).orElseThrow().servingLocation()).isEmpty();
        assertThat(t.get(quiet).orElseThrow().presentOn()).containsExactly("a");
    }

    @Test
    void staysBoundedPerDirectoryAndMakesRoomByForgettingDepartedNicks() {
        PeerTable t = new PeerTable(3);
        Nick[] ns = {nick(), nick(), nick(), nick()};
        for (int i = 0; i < 3; i++) {
            t.apply("a", PeerlistEntry.available(ns[i], NotServing.INSTANCE, Features.NONE));
        }
        t.apply("a", PeerlistEntry.available(ns[3], NotServing.INSTANCE, Features.NONE));
        assertThat(t.get(ns[3])).isEmpty();
        assertThat(t.size("a")).isEqualTo(3);
        t.apply("a", PeerlistEntry.gone(ns[0], NotServing.INSTANCE));
        t.apply("a", PeerlistEntry.available(ns[3], NotServing.INSTANCE, Features.NONE));
        assertThat(t.get(ns[3])).isPresent();
        assertThat(t.get(ns[0])).isEmpty();
        assertThat(t.size("a")).isEqualTo(3);
    }

    @Test
    void ignoresDeparturesOfUnknownNicks() {
        PeerTable t = new PeerTable(3);
        t.apply("a", PeerlistEntry.gone(nick(), NotServing.INSTANCE));
        assertThat(t.size("a")).isZero();
    }
}
