package jm.net.channel;

import java.util.List;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;

/**
 * Receives what the channel delivers. Called on the listener executor given to
 * {@link OnionMessageChannel}, never on an event loop. Messages of one session may arrive on
 * several channels (each directory, and direct): de-duplicate above this layer (PROTOCOL.md 11.3).
 */
public interface MessageListener {
    /** A PUBMSG (sender unauthenticated; never our own). */
    default void onPublic(ChannelId via, PubMsg message) {
    }

    /** A PRIVMSG addressed to us whose signature and nick binding verified. */
    default void onPrivate(ChannelId via, VerifiedPrivMsg message) {
    }

    /** A directory accepted our handshake. */
    default void onDirectoryUp(String directory, DirectoryHandshake handshake) {
    }

    /**
     * A directory refused our handshake or answered one we cannot use (another network, an
     * incompatible version). {@code reason} is a complete sentence naming the directory, e.g.
     * {@code directory 127.0.0.1:5222 runs testnet, we announce regtest}. Reported once per
     * distinct reason, at once (not after a timeout).
     */
    default void onDirectoryRefused(String directory, String reason) {
    }

    /** A directory connection was lost (it will be retried). */
    default void onDirectoryDown(String directory) {
    }

    /** A PEERLIST arrived from a directory (already applied to the peer table). */
    default void onPeerlist(String directory, List<PeerlistEntry> entries) {
    }

    /**
     * A nick has departed: a PEERLIST marked it gone ({@code ;D}) and it is now absent from every
     * directory and has no direct connection (PROTOCOL.md 1.7: drop its offers).
     */
    default void onPeerDeparted(jm.core.Nick nick) {
    }

    /** A direct connection completed its handshake. */
    default void onDirectUp(ChannelId.Direct via, jm.core.wire.Handshake peerHandshake) {
    }

    /** A direct connection closed. */
    default void onDirectDown(ChannelId.Direct via) {
    }
}
