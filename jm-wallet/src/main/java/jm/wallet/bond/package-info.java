/**
 * The fidelity-bond branch of the wallet: timenumbers, the CLTV freeze script and its P2WSH
 * address (PROTOCOL.md 10.1). The script construction sits behind {@code FreezeScripts}: the wallet
 * uses jm-core's {@code jm.core.bond.FidelityBondScripts}; a local implementation cross-checks it.
 *
 * <p>Pure computation: no files, sockets, threads or clock.
 */
package jm.wallet.bond;
