/**
 * Module jm-directory: the directory node. Sub-packages own configuration, rate-limit and ban
 * policy, the peer registry, the Netty server with its relay rules and heartbeat, and metrics.
 * Must not import jm-maker, jm-taker, jm-wallet, jm-chain or jm-cli.
 */
package jm.directory;
