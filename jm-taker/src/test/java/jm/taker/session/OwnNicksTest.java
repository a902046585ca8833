package jm.taker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.maker.bot.NickState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnNicksTest {
    @TempDir
    Path dataDir;

    static Nick nick(int seed) {
        byte[] k = new byte[32];
        k[31] = (byte) seed;
        k[0] = 3;
        return NickKey.fromPrivateKey(k).nick();
    }

    Path stateFile(String name) {
        return dataDir.resolve("state").resolve(name);
    }

    @Test
    void readsTheNickOurMakerBotWrites() {
        Nick maker = nick(1);
        new NickState(dataDir).writeMaker(maker);
        assertThat(OwnNicks.inDataDir(dataDir).makerNicks()).containsExactly(maker);
    }

    @Test
    void readsNoMakerNickWhenNoMakerRuns() {
        assertThat(OwnNicks.inDataDir(dataDir).makerNicks()).isEmpty();
        NickState state = new NickState(dataDir);
        state.writeMaker(nick(1));
        state.clearMaker();
        assertThat(OwnNicks.inDataDir(dataDir).makerNicks()).isEmpty();
    }

    @Test
    void ignoresAMalformedOrOversizedMakerFile() throws Exception {
        Files.createDirectories(stateFile("x").getParent());
        Files.writeString(stateFile(OwnNicks.MAKER_FILE), "not a nick\n", StandardCharsets.US_ASCII);
        assertThat(OwnNicks.inDataDir(dataDir).makerNicks()).isEmpty();
        Files.writeString(stateFile(OwnNicks.MAKER_FILE), nick(1).value() + " ".repeat(2000));
        assertThat(OwnNicks.inDataDir(dataDir).makerNicks()).isEmpty();
    }

    @Test
    void theTakerNickItWritesIsSeenByOurMakerBotUntilCleared() {
        Nick taker = nick(2);
        OwnNicks own = OwnNicks.inDataDir(dataDir);
        assertThat(own.markTaker(taker)).isTrue();
        assertThat(new NickState(dataDir).ownNicks()).containsExactly(taker);
        own.clearTaker(taker);
        assertThat(new NickState(dataDir).ownNicks()).isEmpty();
        assertThat(stateFile(OwnNicks.TAKER_FILE)).doesNotExist();
    }

    @Test
    void leavesAnotherTakersNickInPlace() {
        OwnNicks own = OwnNicks.inDataDir(dataDir);
        own.markTaker(nick(2));
        own.markTaker(nick(3));
        own.clearTaker(nick(2));
        assertThat(new NickState(dataDir).ownNicks()).containsExactly(nick(3));
    }

    @Test
    void noneReadsAndWritesNothing() {
        OwnNicks none = OwnNicks.none();
        new NickState(dataDir).writeMaker(nick(1));
        assertThat(none.makerNicks()).isEmpty();
        assertThat(none.markTaker(nick(2))).isTrue();
        assertThat(stateFile(OwnNicks.TAKER_FILE)).doesNotExist();
    }
}
