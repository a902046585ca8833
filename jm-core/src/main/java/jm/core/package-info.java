/**
 * The JoinMarket protocol core: typed wire values, message parsing and formatting,
 * nick signatures, the NaCl box, PoDLE commitments, offer and fee math, fidelity-bond proofs.
 *
 * <p>Owns: everything that is pure computation over protocol values. Must not import:
 * sockets ({@code java.net}), files ({@code java.io.File}, {@code java.nio.file}), threads,
 * executors or the wall clock, nor any other jm module. The build checks this
 * ({@code CoreHasNoIoTest} and the enforcer's banned dependencies).
 */
package jm.core;
