package jm.net.channel;

import io.netty.channel.Channel;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import jm.core.Nick;
import jm.core.limit.InboundShedder;
import jm.core.limit.InboundShedder.Lane;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;

/**
 * Signature checks of PRIVMSGs to us, off the event loops and in priority order: each message is
 * classified cheaply by the role ({@link InboundPriority}: sender and command) and queued in an
 * {@link InboundShedder} (lanes, per-source turns, oldest first; new work shed first), then
 * verified on one serial executor (the channel's verification thread), the result handed back to the connection's event loop. A
 * flood of signed lines from many sockets and directories then costs the flood's own lane, not
 * the latency of every connection. Sources: a direct connection, or a nick relayed by a
 * directory. Thread-safe.
 */
final class VerifyLanes {
    /** Messages waiting in {@code OTHER} and {@code NEW} together (each at most one 40,000-byte line). */
    static final int CAPACITY = 1_000;
    /** Messages waiting in {@code SESSION}. */
    static final int SESSION_CAPACITY = 500;

    private final InboundPriority priority;
    private final LanePump<Object> pump;

    /** A nick relayed by one directory: one source for fairness. */
    private record Relayed(ChannelId via, Nick nick) {
    }

    /** @param serial runs the checks one at a time (the channel's verification thread) */
    VerifyLanes(InboundPriority priority, Executor serial) {
        this.priority = priority;
        this.pump = new LanePump<>(new InboundShedder<>(CAPACITY, SESSION_CAPACITY), serial, () -> { });
    }

    /**
     * Queues {@code raw} for verification; a verified message goes to {@code then} on the event
     * loop of {@code source} while that connection is still open; a bad signature is dropped.
     */
    void submit(ChannelId via, RawPrivMsg raw, Channel source, Consumer<VerifiedPrivMsg> then) {
        Lane lane = priority.laneOf(via, raw.from(), raw.command());
        Object key = via instanceof ChannelId.Direct ? via : new Relayed(via, raw.from());
        pump.offer(key, lane, () -> {
            VerifiedPrivMsg msg = InboundMessages.parse(via, "PRIVMSG", "", l -> raw.verify());
            if (msg == null) {
                return;
            }
            source.eventLoop().execute(() -> {
                if (source.isActive()) {
                    then.accept(msg);
                }
            });
        });
    }

    /** Messages shed since start (overload). */
    long shed() {
        return pump.shed();
    }

    /** Messages waiting for their signature check. */
    int waiting() {
        return pump.size();
    }
}
