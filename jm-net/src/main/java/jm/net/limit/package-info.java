/**
 * Plain-Java rate limiting shared by the transport, the directory and the maker: token buckets
 * with time passed in by the caller. No Netty, no threads, no clock, no I/O; must not import
 * the rest of jm.net, so that any module above jm-net may use it without pulling in transport.
 */
package jm.net.limit;
