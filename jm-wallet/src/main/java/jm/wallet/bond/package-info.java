/**
 * The fidelity-bond branch of the wallet: timenumbers, the CLTV freeze script and its P2WSH
 * address (PROTOCOL.md 10.1). The script construction sits behind {@code FreezeScripts} so that
 * jm-core's {@code jm.core.bond.FidelityBondScripts} can replace the local implementation.
 *
 * <p>Pure computation: no files, sockets, threads or clock.
 */
package jm.wallet.bond;
