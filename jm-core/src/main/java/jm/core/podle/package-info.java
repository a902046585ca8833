/**
 * PoDLE anti-snooping commitments (PROTOCOL.md 7): the NUMS generators J(i), the taker's
 * commitment and revelation, their wire forms in {@code !fill}, {@code !hp2} and the
 * {@code !auth} plaintext, and the maker's verification.
 *
 * <p>Owns pure elliptic-curve computation over protocol values. Must not import sockets,
 * files, threads, executors, the wall clock, nor any jm module other than {@code jm.core}
 * and {@code jm.core.crypto}. UTXO lookups (age, value, script) are the caller's job.
 */
package jm.core.podle;
