/**
 * Plain-Java flood limits shared by the transport, the directory and the maker: token buckets
 * with time passed in by the caller, the lane queue that sheds new work before CoinJoins in
 * progress ({@link jm.core.limit.InboundShedder}) and a bounded map. No Netty, no threads, no
 * clock, no I/O.
 */
package jm.core.limit;
