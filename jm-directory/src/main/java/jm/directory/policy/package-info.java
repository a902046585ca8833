/**
 * Abuse policy: the ban list (by nick and by address), with time passed in by the caller
 * (per-connection token buckets are jm-core's {@code jm.core.limit.TokenBucket}). Plain Java: must
 * not import Netty or do any I/O.
 */
package jm.directory.policy;
