/**
 * The onion message channel's wire layer: the JSON envelope and its type codes, client and
 * directory handshakes, location strings, feature flags, peerlists, and the PUBMSG / PRIVMSG
 * line syntax with per-message nick signatures (PROTOCOL.md sections 1 to 3).
 *
 * <p>Owns: parsing untrusted lines into typed values (or a {@link jm.core.ProtocolException}
 * naming the field) and formatting them byte-exactly as Python peers do. Must not import:
 * sockets, files, threads, the clock, Netty, or the {@code jm.core.command} and
 * {@code jm.core.offer} packages (those build on this one, not the reverse).
 */
package jm.core.wire;
