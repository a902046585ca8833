package jm.net.channel;

import java.util.Objects;

/** The connection a message came on or is sent over: a directory, or a direct peer connection. */
public sealed interface ChannelId {
    /**
     * A directory connection.
     *
     * @param directory the directory's configured {@code host:port}
     */
    record Directory(String directory) implements ChannelId {
        public Directory {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String toString() {
            return "dir:" + directory;
        }
    }

    /**
     * A direct peer connection (taker to maker, or accepted by the maker's server).
     *
     * @param connectionId unique within one {@link OnionMessageChannel}
     */
    record Direct(long connectionId) implements ChannelId {
        @Override
        public String toString() {
            return "direct:" + connectionId;
        }
    }
}
