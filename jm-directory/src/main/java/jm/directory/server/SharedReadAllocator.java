package jm.directory.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Fixed-size reads whose read-loop bookkeeping is kept per event-loop thread instead of per
 * connection. A Netty read handle only carries state within one read loop (reset, allocate, read,
 * ..., readComplete), and a thread runs one connection's read loop at a time, so every connection
 * gets the same stateless handle, which forwards to its thread's own {@link FixedRecvByteBufAllocator}
 * handle. An idle peer then holds no handle objects (about 70 bytes of heap each otherwise).
 */
final class SharedReadAllocator implements RecvByteBufAllocator {
    private final FastThreadLocal<ExtendedHandle> perThread;
    private final ExtendedHandle shared = new ThreadHandle();

    /** Reads of {@code bytes} each (the buffer is pooled and released once its lines are handled). */
    SharedReadAllocator(int bytes) {
        FixedRecvByteBufAllocator fixed = new FixedRecvByteBufAllocator(bytes);
        this.perThread = new FastThreadLocal<>() {
            @Override
            protected ExtendedHandle initialValue() {
                return (ExtendedHandle) fixed.newHandle();
            }
        };
    }

    /** The same handle for every connection (Netty's interface still names the deprecated type). */
    @Override
    @SuppressWarnings("deprecation")
    public Handle newHandle() {
        return shared;
    }

    /** Forwards every call to the calling thread's handle (one line each: nothing but forwarding). */
    private final class ThreadHandle implements ExtendedHandle {
        private ExtendedHandle h() {
            return perThread.get();
        }

        // @formatter:off
        @Override public ByteBuf allocate(ByteBufAllocator alloc) { return h().allocate(alloc); }
        @Override public int guess() { return h().guess(); }
        @Override public void reset(ChannelConfig config) { h().reset(config); }
        @Override public void incMessagesRead(int messages) { h().incMessagesRead(messages); }
        @Override public void lastBytesRead(int bytes) { h().lastBytesRead(bytes); }
        @Override public int lastBytesRead() { return h().lastBytesRead(); }
        @Override public void attemptedBytesRead(int bytes) { h().attemptedBytesRead(bytes); }
        @Override public int attemptedBytesRead() { return h().attemptedBytesRead(); }
        @Override public boolean continueReading() { return h().continueReading(); }
        @Override public boolean continueReading(UncheckedBooleanSupplier more) { return h().continueReading(more); }
        @Override public void readComplete() { h().readComplete(); }
        // @formatter:on
    }
}
