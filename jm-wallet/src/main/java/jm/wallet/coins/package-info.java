/**
 * Wallet coins and coin selection: the typed view of a UTXO (mixdepth, path, kind, frozen and
 * locked status) and the selection algorithms makers and takers use.
 *
 * <p>Pure computation: no files, sockets, threads or clock; randomness is passed in. Must not
 * import jm-chain or other jm.wallet packages except {@code jm.wallet.keys} and the exception base.
 */
package jm.wallet.coins;
