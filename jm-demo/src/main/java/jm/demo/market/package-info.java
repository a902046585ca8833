/**
 * The demo market: the embedded regtest node, a directory server, maker bots with their own
 * funded wallets and a taker wallet, all in one JVM on 127.0.0.1 (local mode), assembled from
 * the public classes of jm-chain, jm-wallet, jm-net, jm-directory, jm-maker and jm-taker; and
 * one taker CoinJoin over direct connections or directory relay only. Owns no protocol logic.
 * Must not import jm.cli or any logging backend (SLF4J only).
 */
package jm.demo.market;
