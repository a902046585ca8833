/**
 * Fidelity bonds as the taker sees them: a maker's {@code !tbond} proof checked against the
 * chain (signatures, certificate expiry, the UTXO unspent, confirmed and paying to the freeze
 * script) and valued (PROTOCOL.md 10.3, 10.4). Reads the chain through jm-chain's
 * {@code ChainBackend}; must not import jm.net or jm.wallet.
 */
package jm.taker.bond;
