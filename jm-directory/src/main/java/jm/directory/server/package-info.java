/**
 * The directory node on Netty: per-connection handler (handshake, rate limits, relay rules),
 * the shared node state (registry, bans, broadcast, batched departures, peerlist streaming),
 * the heartbeat sweep and the server lifecycle. Event loops never block here: no disk, no
 * RPC, no signature checks. Must not import jm-maker, jm-taker, jm-wallet, jm-chain or jm-cli.
 */
package jm.directory.server;
