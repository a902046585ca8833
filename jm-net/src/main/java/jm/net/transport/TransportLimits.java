package jm.net.transport;

import java.time.Duration;
import java.util.Objects;
import jm.net.codec.MalformedEnvelopePolicy;

/**
 * Per-connection limits of the standard pipeline.
 *
 * @param readerIdle fire {@code IdleStateEvent} when nothing was read for this long
 *     ({@link Duration#ZERO} disables it); the session handler decides what to do
 * @param handshakeTimeout close a connection that has not completed its handshake in this time
 *     ({@link Duration#ZERO} disables it)
 * @param writeLowWaterMark channel becomes writable again below this many pending bytes
 * @param writeHighWaterMark channel becomes unwritable above this many pending bytes
 * @param maxPendingWriteBytes hard cap: a write that would take the outbound buffer over this
 *     closes the connection (a peer that stops reading can never make us buffer without bound)
 * @param unwritableTimeout close a connection that stays unwritable this long
 * @param malformedPolicy what to do with a line that is not a valid envelope
 */
public record TransportLimits(
        Duration readerIdle,
        Duration handshakeTimeout,
        int writeLowWaterMark,
        int writeHighWaterMark,
        long maxPendingWriteBytes,
        Duration unwritableTimeout,
        MalformedEnvelopePolicy malformedPolicy) {

    public TransportLimits {
        Objects.requireNonNull(readerIdle, "readerIdle");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(unwritableTimeout, "unwritableTimeout");
        Objects.requireNonNull(malformedPolicy, "malformedPolicy");
        if (readerIdle.isNegative() || handshakeTimeout.isNegative() || unwritableTimeout.isNegative()
                || unwritableTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be non-negative (unwritableTimeout positive)");
        }
        if (writeLowWaterMark <= 0 || writeHighWaterMark < writeLowWaterMark
                || maxPendingWriteBytes < writeHighWaterMark) {
            throw new IllegalArgumentException(
                    "need 0 < writeLowWaterMark <= writeHighWaterMark <= maxPendingWriteBytes");
        }
    }

    /**
     * Defaults for peers: 30 s to handshake (NG directory), no reader-idle event, 64 KiB / 256 KiB
     * water marks, 2 MiB hard cap, 30 s unwritable (NG's send timeout), close on malformed lines.
     */
    public static TransportLimits defaults() {
        return new TransportLimits(Duration.ZERO, Duration.ofSeconds(30), 64 * 1024, 256 * 1024,
                2L * 1024 * 1024, Duration.ofSeconds(30), MalformedEnvelopePolicy.CLOSE);
    }

    public TransportLimits withReaderIdle(Duration d) {
        return new TransportLimits(d, handshakeTimeout, writeLowWaterMark, writeHighWaterMark,
                maxPendingWriteBytes, unwritableTimeout, malformedPolicy);
    }

    public TransportLimits withHandshakeTimeout(Duration d) {
        return new TransportLimits(readerIdle, d, writeLowWaterMark, writeHighWaterMark,
                maxPendingWriteBytes, unwritableTimeout, malformedPolicy);
    }

    public TransportLimits withWriteBuffer(int low, int high, long hardCap) {
        return new TransportLimits(readerIdle, handshakeTimeout, low, high, hardCap, unwritableTimeout,
                malformedPolicy);
    }

    public TransportLimits withUnwritableTimeout(Duration d) {
        return new TransportLimits(readerIdle, handshakeTimeout, writeLowWaterMark, writeHighWaterMark,
                maxPendingWriteBytes, d, malformedPolicy);
    }

    public TransportLimits withMalformedPolicy(MalformedEnvelopePolicy p) {
        return new TransportLimits(readerIdle, handshakeTimeout, writeLowWaterMark, writeHighWaterMark,
                maxPendingWriteBytes, unwritableTimeout, p);
    }
}
