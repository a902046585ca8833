/**
 * The client side of the onion message channel for makers and takers: connections to every
 * configured directory (handshake, PING/PONG, peer lists), public broadcast, signed private
 * messages routed over a direct connection when one is handshaked or else over a directory where
 * the recipient was seen, verified delivery to a listener with the channel each message came on,
 * taker-side direct connections and the maker's direct-connection server with its rate limits
 * and bans (PROTOCOL.md 1.5-1.8, 2.1-2.4, 3.4, 11.5).
 *
 * <p>Owns routing and per-connection protocol state; no JoinMarket command semantics (offers,
 * CoinJoin sessions, encryption) beyond the per-connection !orderbook limit. Must not import
 * {@code jm.directory}, {@code jm.maker} or {@code jm.taker}. Listener callbacks never run on an
 * event loop.
 */
package jm.net.channel;
