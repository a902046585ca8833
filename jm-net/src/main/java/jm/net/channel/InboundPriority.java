package jm.net.channel;

import jm.core.Nick;
import jm.core.limit.InboundShedder.Lane;

/**
 * The role's cheap classification of a PRIVMSG to us before its signature is checked (the maker:
 * takers whose commitment it verified in {@link Lane#SESSION}, new {@code !fill}s and
 * {@code !orderbook}s in {@link Lane#NEW}). Called on event loops: must be fast, non-blocking and
 * thread-safe. {@code from} is claimed, not yet verified.
 */
@FunctionalInterface
public interface InboundPriority {
    Lane laneOf(ChannelId via, Nick from, String command);
}
