/**
 * The watcher: joins the directories like a taker that never fills, asks for the orderbook and
 * keeps it current (offers, withdrawals, makers that leave or go silent, {@code !tbond} proofs
 * verified against the chain), and hands out immutable snapshots of the market. Built on
 * jm-taker's orderbook, offer parser and bond verifier and jm-net's message channel; must not
 * import jm.wallet, jm.maker, jm.directory or the web package.
 */
package jm.orderbook.watch;
