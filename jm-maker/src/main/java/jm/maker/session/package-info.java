/**
 * CoinJoin sessions of the maker, one per taker nick (PROTOCOL.md 8.1-8.5): the state machine
 * fill -> pubkey -> auth -> ioauth -> tx -> sig -> push, its timeout, commitment exclusivity and
 * the record of transactions we signed (the only ones {@code !push} may broadcast). Pure logic:
 * time is a parameter, crypto and the wallet sit behind small interfaces; not thread-safe, each
 * table is owned by one serial executor. Must not import jm.net, Netty, or do any I/O.
 */
package jm.maker.session;
