package jm.directory.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;

/**
 * The socket transport the directory runs on: Netty's native epoll where it loads (Linux x86_64;
 * a connection costs about half the heap of an NIO one: no JDK {@code SocketChannel}, selection
 * key and locks per peer), NIO everywhere else. The system property
 * {@code jm.directory.transport} ({@code auto}, {@code epoll}, {@code nio}) overrides the choice;
 * {@code epoll} where it cannot load falls back to NIO with the reason logged.
 */
public enum Transport {
    EPOLL,
    NIO;

    /** The name of the system property that overrides the choice. */
    public static final String PROPERTY = "jm.directory.transport";

    /** The transport {@code requested} ({@code auto}, {@code epoll}, {@code nio}, null = auto) resolves to here. */
    public static Transport select(String requested) {
        String r = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "nio" -> NIO;
            case "auto", "epoll", "" -> Epoll.isAvailable() ? EPOLL : NIO;
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, epoll or nio, not " + requested);
        };
    }

    /** The chosen transport for this process ({@link #PROPERTY}, default auto). */
    public static Transport fromSystemProperty() {
        return select(System.getProperty(PROPERTY));
    }

    /** Why epoll is not used, or null when it is available. */
    public static String epollUnavailableReason() {
        Throwable t = Epoll.unavailabilityCause();
        return t == null ? null : t.toString();
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
