/**
 * The taker's PoDLE commitment policy (PROTOCOL.md 7.5): which UTXO and NUMS index to commit
 * to, and the store of used commitments (its file implementation is the only I/O here). The
 * PoDLE math itself lives in jm-core; must not import jm.net.
 */
package jm.taker.podle;
