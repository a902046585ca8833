/**
 * Netty pipeline pieces for the JoinMarket onion message channel wire format: line framing
 * (40,000-byte cap, {@code \r\n} or {@code \n}), strict UTF-8, and the envelope codec that turns a
 * line into a {@code jm.core.wire.Envelope} and back (PROTOCOL.md 1.2, 1.3).
 *
 * <p>Owns framing and envelope syntax only; knows nothing of handshakes, nicks or routing. Must not
 * import {@code jm.net.channel}, {@code jm.net.tor} or anything that does I/O besides Netty.
 */
package jm.net.codec;
