/**
 * CLI commands for the chain: {@code jm regtest-node start} (runs the embedded regtest node) and
 * {@code jm regtest mine|fund} (talk to a running node over its RPC). Uses {@code jm.chain} and
 * {@code jm.cli.common}; must not import wallet, maker, taker or net packages.
 */
package jm.cli.chain;
