package jm.net.channel;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;

/**
 * Which connection a message to a nick goes over: the nick's handshaked direct connection if
 * any, else a random live directory on which the nick was seen; and the signed writes over it.
 * Thread-safe.
 */
record Router(NickKey key, DirectoryLinks directories, DirectConnections directs, PeerTable peers,
              RandomGenerator random) {

    /** The channel a private message to {@code to} would go over now. */
    ChannelId route(Nick to) throws NoRouteException {
        Optional<ChannelId.Direct> direct = directs.to(to);
        if (direct.isPresent()) {
            return direct.get();
        }
        List<String> candidates = new ArrayList<>();
        peers.get(to).ifPresent(v -> {
            for (String d : v.presentOn()) {
                if (directories.isLive(d)) {
                    candidates.add(d);
                }
            }
        });
        if (candidates.isEmpty()) {
            throw new NoRouteException(to, "not seen on any live directory");
        }
        return new ChannelId.Directory(candidates.get(random.nextInt(candidates.size())));
    }

    /** Signs and writes a private message over {@code via}. */
    void sendPrivate(ChannelId via, Nick to, String command, String data) throws NoRouteException {
        Channel ch = channel(via).orElseThrow(() -> new NoRouteException(to, via + " is not live"));
        ch.writeAndFlush(RawPrivMsg.signed(key, to, command, data).toEnvelope());
    }

    /** Writes a PUBMSG over {@code via} only. */
    void publishOn(ChannelId via, String body) throws NoRouteException {
        Channel ch = channel(via).orElseThrow(() -> new NoRouteException(key.nick(), via + " is not live"));
        ch.writeAndFlush(new PubMsg(key.nick(), body).toEnvelope());
    }

    private Optional<Channel> channel(ChannelId via) {
        if (via instanceof ChannelId.Directory d) {
            return directories.channel(d.directory());
        }
        return directs.channel((ChannelId.Direct) via);
    }
}
