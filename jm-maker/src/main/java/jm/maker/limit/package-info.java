/**
 * The maker's defences against floods (PROTOCOL.md 11.2, 11.3, 11.5): token buckets, the
 * 30 s de-duplication of messages relayed by several directories, the per-nick limits of
 * relayed traffic, the per-connection limits and bans of the direct server, and the global
 * {@code !orderbook} budget that serves peers in an active CoinJoin first. Pure and bounded:
 * time is a parameter, every per-peer map has a cap; not thread-safe (one owner each). Must not
 * import Netty, jm.net or do I/O.
 */
package jm.maker.limit;
