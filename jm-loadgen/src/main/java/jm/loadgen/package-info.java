/**
 * A load generator that drives any JoinMarket directory node by host and port over loopback:
 * ramps simulated peers, holds them idle, relays signed private messages between pairs,
 * broadcasts, floods, and reports latency percentiles and rates. Run by hand, never in CI.
 * Depends only on jm-core (nick keys, signatures) and Netty: must not import jm-directory, so
 * it measures other implementations the same way.
 */
package jm.loadgen;
