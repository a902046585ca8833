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
 * to us verified (signature and nick binding), checked by the direct connection they came on (if
 * any) and by the role's {@link InboundFilter}, the sender recorded as present on the directory,
 * then delivered. Runs on event loops; thread-safe.
 */
final class InboundMessages {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final Nick own;
    private final PeerTable peers;
    private final InboundFilter filter;
    private final ListenerDispatch dispatch;

    InboundMessages(Nick own, PeerTable peers, InboundFilter filter, ListenerDispatch dispatch) {
        this.own = Objects.requireNonNull(own, "own");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    }

    /** A PUBMSG line; {@code direct} is null for a directory connection. */
    void onPublic(ChannelId via, String line, DirectAdmission direct, Channel source) {
        PubMsg msg;
        try {
            msg = PubMsg.parse(line);
        } catch (ProtocolException e) {
            LOG.debug("{} dropped malformed PUBMSG: {}", via, e.getMessage());
            return;
        }
        if (msg.from().equals(own)) {
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

    /** A PRIVMSG line; {@code direct} is null for a directory connection. */
    void onPrivate(ChannelId via, String line, DirectAdmission direct, Channel source) {
        VerifiedPrivMsg msg;
        try {
            RawPrivMsg raw = RawPrivMsg.parse(line);
            if (!raw.to().equals(own)) {
                return; // not for us (1.6): ignore without verifying
            }
            msg = raw.verify();
        } catch (ProtocolException e) {
            LOG.debug("{} dropped PRIVMSG: {}", via, e.getMessage());
            return;
        }
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
