/**
 * The maker's defences against floods (PROTOCOL.md 11.2, 11.3, 11.5): the 30 s de-duplication
 * of messages relayed by several directories, the per-nick limits of relayed traffic and the
 * global {@code !orderbook} budget that serves takers whose PoDLE commitment we verified first (token buckets
 * are jm-core's plain-Java {@code jm.core.limit}). The direct server's per-connection limits and
 * bans live in jm-net ({@code DirectServerLimits}). Pure and bounded: time is a parameter, every
 * per-peer map has a cap; not thread-safe (one owner each). Must not import Netty or any of
 * jm.net, and does no I/O.
 */
package jm.maker.limit;
