/**
 * The fidelity-bond branch of the wallet: timenumbers, the CLTV freeze script and its P2WSH
 * address (PROTOCOL.md 10.1), by jm-core's {@code jm.core.bond} rules ({@code TimeNumber},
 * {@code FidelityBondScripts}); this package adds the HD derivation and the {@code YYYY-MM} input.
 *
 * <p>Pure computation: no files, sockets, threads or clock.
 */
package jm.wallet.bond;
