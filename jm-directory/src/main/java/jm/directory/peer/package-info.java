/**
 * The registry of handshaked peers: nick to connection, location and features, O(1) lookup,
 * per-event-loop membership for broadcasts. May import Netty's channel types; must not import
 * the server package or do I/O itself.
 */
package jm.directory.peer;
