package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.limit.InboundShedder.Lane;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;
import org.junit.jupiter.api.Test;

/**
 * Signature checks behind priority lanes, driven by hand: a verified taker's message is checked
 * before a backlog of new work, a flood sheds its own new work first, and a forged signature never
 * reaches the connection.
 */
class VerifyLanesTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final NickKey US = NickKey.random(RANDOM);
    static final NickKey TAKER = NickKey.random(RANDOM);
    /** What a box ciphertext looks like on the wire (the lanes never open it). */
    static final String SEALED = java.util.Base64.getEncoder().encodeToString(new byte[64]);

    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    final VerifyLanes lanes = new VerifyLanes((via, from, command) -> from.equals(TAKER.nick()) ? Lane.SESSION
            : command.equals("fill") ? Lane.NEW : Lane.OTHER, tasks::add);
    final EmbeddedChannel connection = new EmbeddedChannel();
    final List<VerifiedPrivMsg> delivered = new ArrayList<>();

    void submit(ChannelId via, RawPrivMsg raw) {
        lanes.submit(via, raw, connection, delivered::add);
    }

    /** Runs the verification thread's next task, then the connection's event loop. */
    boolean step() {
        Runnable r = tasks.poll();
        if (r == null) {
            return false;
        }
        r.run();
        connection.runPendingTasks();
        return true;
    }

    @Test
    void aVerifiedTakersMessageIsCheckedBeforeABacklogOfNewWork() {
        ChannelId dir = new ChannelId.Directory("127.0.0.1:5222");
        for (int i = 0; i < 50; i++) {
            NickKey flooder = NickKey.random(RANDOM);
            submit(dir, RawPrivMsg.signed(flooder, US.nick(), "fill", "0 1000 x P" + i));
        }
        step(); // one new-work check is under way when the taker's !tx arrives
        submit(new ChannelId.Direct(7), RawPrivMsg.signed(TAKER, US.nick(), "tx", SEALED));
        step();
        assertThat(delivered).extracting(m -> m.from()).containsExactly(delivered.get(0).from(), TAKER.nick());
        while (step()) {
            // drain
        }
        assertThat(delivered).hasSize(51);
        assertThat(lanes.shed()).isZero();
    }

    @Test
    void aFloodShedsItsOwnNewWorkFirstAndNeverAVerifiedTakers() {
        ChannelId dir = new ChannelId.Directory("127.0.0.1:5222");
        NickKey flooder = NickKey.random(RANDOM);
        RawPrivMsg fill = RawPrivMsg.signed(flooder, US.nick(), "fill", "0 1000 x P1");
        for (int i = 0; i < VerifyLanes.CAPACITY + 200; i++) {
            submit(dir, fill);
        }
        submit(new ChannelId.Direct(7), RawPrivMsg.signed(TAKER, US.nick(), "sig", SEALED));
        assertThat(lanes.shed()).isEqualTo(200);
        assertThat(lanes.waiting()).isEqualTo(VerifyLanes.CAPACITY + 1);
        step();
        assertThat(delivered).extracting(VerifiedPrivMsg::from).containsExactly(TAKER.nick());
    }

    @Test
    void aForgedSignatureIsDroppedAndAClosedConnectionGetsNothing() {
        RawPrivMsg good = RawPrivMsg.signed(TAKER, US.nick(), "tx", SEALED);
        Nick other = NickKey.random(RANDOM).nick();
        submit(new ChannelId.Direct(7), new RawPrivMsg(other, good.to(), good.command(), good.data(),
                good.pubKeyHex(), good.sigBase64()));
        step();
        assertThat(delivered).isEmpty();
        submit(new ChannelId.Direct(7), good);
        connection.close();
        step();
        assertThat(delivered).isEmpty();
    }
}
