/**
 * Plain-Java rate limiting shared by the transport, the directory and the maker: token buckets
 * with time passed in by the caller. No Netty, no threads, no clock, no I/O.
 */
package jm.core.limit;
