/**
 * Fidelity bonds (PROTOCOL.md 10): the timelocked P2WSH freeze script and its address,
 * timenumbers, the 252-byte {@code !tbond} proof (build, parse, verify) and the bond value.
 *
 * <p>Owns pure computation. Must not import sockets, files, threads, executors or the wall
 * clock ("now" and block heights are parameters), nor any jm module other than
 * {@code jm.core} and {@code jm.core.crypto}. Checking the UTXO on chain is the caller's job.
 */
package jm.core.bond;
