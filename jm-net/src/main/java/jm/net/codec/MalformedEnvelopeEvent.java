package jm.net.codec;

import java.util.Objects;
import jm.core.ProtocolException;

/**
 * User event fired down the pipeline when a received line was rejected by the
 * {@link EnvelopeCodec} (or an over-long line by the framer), so that handlers can count
 * rejections by reason or apply a ban policy.
 *
 * @param error why the line was rejected
 * @param closing whether the codec is closing the connection because of it
 */
public record MalformedEnvelopeEvent(ProtocolException error, boolean closing) {
    public MalformedEnvelopeEvent {
        Objects.requireNonNull(error, "error");
    }
}
