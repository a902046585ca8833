/**
 * Building the CoinJoin transaction (PROTOCOL.md 9.5) and matching makers' signatures to it
 * (9.6). Pure (bitcoinj primitives only): randomness is passed in; must not import jm.net,
 * jm.chain or jm.wallet.
 */
package jm.taker.tx;
