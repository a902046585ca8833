/**
 * Amounts and mining fees of a CoinJoin (PROTOCOL.md 9.3): fee-rate randomisation and caps,
 * size estimates, the sweep solver. Pure; randomness is passed in; must not import jm.net,
 * jm.chain or jm.wallet.
 */
package jm.taker.fee;
