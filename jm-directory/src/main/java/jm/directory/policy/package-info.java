/**
 * Abuse policy: per-connection token buckets and the ban list (by nick and by address), with
 * time passed in by the caller. Plain Java: must not import Netty or do any I/O.
 */
package jm.directory.policy;
