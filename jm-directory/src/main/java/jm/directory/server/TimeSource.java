package jm.directory.server;

/** Wall-clock milliseconds (heartbeat, bans) and monotonic nanoseconds (token buckets); injectable for tests. */
public interface TimeSource {
    long millis();

    long nanos();

    /** The system clocks. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };
}
