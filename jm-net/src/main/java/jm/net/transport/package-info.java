/**
 * The Netty transport shared by directory, maker and taker: event loops, the standard connection
 * pipeline (framing, envelope codec, idle detection, write backpressure), server and client
 * bootstrap helpers (plain TCP or through a SOCKS5 proxy), handshake deadlines and reconnection with
 * jittered exponential backoff.
 *
 * <p>Owns sockets and per-connection plumbing; knows nothing about nicks, routing or JoinMarket
 * commands. Must not import {@code jm.net.channel}. Handlers here never block the event loop.
 */
package jm.net.transport;
