package jm.net.channel;

import io.netty.channel.Channel;
import java.util.Objects;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBMSG and PRIVMSG lines from any connection, on their way to the listener: parsed, PRIVMSGs
 * to us verified (signature and nick binding; inline, or behind priority lanes), checked by the direct connection they came on (if
 * any) and by the role's {@link InboundFilter}, the sender recorded as present on the directory,
 * then delivered. Runs on event loops; thread-safe.
 */
final class InboundMessages {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final Nick own;
    private final PeerTable peers;
    private final InboundFilter filter;
    private final ListenerDispatch dispatch;
    private final VerifyLanes lanes;

    /** @param lanes where signatures are checked, or null to check them inline on the event loop */
    InboundMessages(Nick own, PeerTable peers, InboundFilter filter, ListenerDispatch dispatch, VerifyLanes lanes) {
        this.own = Objects.requireNonNull(own, "own");
        this.lanes = lanes;
        this.peers = Objects.requireNonNull(peers, "peers");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    }

    /** A PUBMSG line; {@code direct} is null for a directory connection. */
    void onPublic(ChannelId via, String line, DirectAdmission direct, Channel source) {
        PubMsg msg = parse(via, "PUBMSG", line, PubMsg::parse);
        if (msg == null || msg.from().equals(own)) {
            return;
        }
        if (direct != null && !direct.admitPublic(msg)) {
            return;
        }
        if (MessageBodies.repeatsOrderbook(msg.body())) {
            return;
        }
        if (via instanceof ChannelId.Directory d) {
            peers.seen(d.directory(), msg.from());
        }
        if (!filter.accept(via, msg.from(), MessageBodies.firstCommand(msg.body()))) {
            return;
        }
        dispatch.deliver(source, () -> dispatch.listener().onPublic(via, msg));
    }

    /**
     * A PRIVMSG line; {@code direct} is null for a directory connection. Cheap checks first (for
     * us, a sender the connection may speak for), then the signature: inline, or on the
     * {@link VerifyLanes} in priority order when the role configured them.
     */
    void onPrivate(ChannelId via, String line, DirectAdmission direct, Channel source) {
        RawPrivMsg raw = parse(via, "PRIVMSG", line, RawPrivMsg::parse);
        if (raw == null || !raw.to().equals(own)) {
            return; // malformed, or not for us (1.6): ignore without verifying
        }
        if (direct != null && !direct.mayClaim(raw.from())) {
            return; // another nick than the one this connection is bound to: dropped unverified
        }
        if (lanes != null) {
            lanes.submit(via, raw, source, msg -> admitPrivate(via, msg, direct, source));
            return;
        }
        VerifiedPrivMsg msg = parse(via, "PRIVMSG", line, l -> raw.verify());
        if (msg != null) {
            admitPrivate(via, msg, direct, source);
        }
    }

    /** Something that reads a line into a typed value or rejects it. */
    @FunctionalInterface
    interface LineParser<T> {
        T parse(String line) throws ProtocolException;
    }

    /** The parsed value, or null (logged) if the line is rejected. */
    static <T> T parse(ChannelId via, String what, String line, LineParser<T> parser) {
        try {
            return parser.parse(line);
        } catch (ProtocolException e) {
            LOG.debug("{} dropped {}: {}", via, what, e.getMessage());
            return null;
        }
    }

    /** A verified PRIVMSG, on the event loop of its connection. */
    private void admitPrivate(ChannelId via, VerifiedPrivMsg msg, DirectAdmission direct, Channel source) {
        if (direct != null && !direct.admitPrivate(msg)) {
            return;
        }
        if (via instanceof ChannelId.Directory d) {
            peers.seen(d.directory(), msg.from());
        }
        if (!filter.accept(via, msg.from(), msg.command())) {
            return;
        }
        dispatch.deliver(source, () -> dispatch.listener().onPrivate(via, msg));
    }
}
