/**
 * Key material: BIP39 mnemonics and passphrases (secret types with redacted
 * {@code toString()}), BIP32 derivation along {@code m/purpose'/coin'/mixdepth'/branch/index},
 * and the addresses of the native (BIP84 P2WPKH) and nested (BIP49 P2SH-P2WPKH) wallet types.
 *
 * <p>Pure computation: must not import files, sockets, threads, the clock, or jm.wallet packages
 * other than the exception base in {@code jm.wallet}.
 */
package jm.wallet.keys;
