package jm.directory.server;

import java.util.concurrent.atomic.AtomicLong;

/** A manually advanced clock. */
final class FakeTime implements TimeSource {
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advanceMillis(long ms) {
        millis.addAndGet(ms);
        nanos.addAndGet(ms * 1_000_000L);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public long nanos() {
        return nanos.get();
    }
}
