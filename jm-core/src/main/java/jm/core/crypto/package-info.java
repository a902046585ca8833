/**
 * Cryptographic building blocks of the protocol: the nick key and nick derivation, Bitcoin
 * signed-message signatures with strict DER and low-S verification, secp256k1 point and
 * scalar handling, strict hex/base64 decoding, and the libsodium-compatible NaCl box.
 *
 * <p>Owns pure computation only. Must not import sockets, files, threads, executors, the
 * wall clock, logging backends, nor any jm module other than {@code jm.core}. Randomness is
 * always a {@link java.security.SecureRandom} parameter. Types holding secrets redact
 * {@code toString()}.
 */
package jm.core.crypto;
