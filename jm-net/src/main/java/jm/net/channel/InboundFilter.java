package jm.net.channel;

import jm.core.Nick;

/**
 * A hook for role-specific policy (the maker adds its per-nick limits on top): called on the
 * event loop after the channel's own checks and before delivery; must be fast and non-blocking.
 */
@FunctionalInterface
public interface InboundFilter {
    /** Accepts everything. */
    InboundFilter ACCEPT_ALL = (via, from, command) -> true;

    /**
     * @param via where the message came from
     * @param from the sender (verified for private messages, claimed for public ones)
     * @param command the first command name, without {@code !}
     * @return false to drop the message
     */
    boolean accept(ChannelId via, Nick from, String command);
}
