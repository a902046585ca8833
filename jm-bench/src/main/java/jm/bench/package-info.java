/**
 * JMH benchmarks of jm-core's hot paths (signing, verification, nick derivation, PoDLE, NaCl
 * box, line parsing, bond proofs). Run by hand only; never imported by production code.
 */
package jm.bench;
