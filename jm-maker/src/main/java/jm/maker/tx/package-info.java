/**
 * The maker's check of a taker's unsigned CoinJoin transaction (PROTOCOL.md 8.4): parsing of
 * untrusted transaction bytes and a verdict naming exactly what failed. Pure logic: no I/O,
 * no clock, no threads; wallet and chain facts arrive as parameters. Must not import jm.net,
 * jm.chain implementations, Netty or any wallet storage.
 */
package jm.maker.tx;
