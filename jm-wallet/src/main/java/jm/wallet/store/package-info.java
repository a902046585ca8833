/**
 * Wallet persistence: the encrypted wallet file (Argon2id + AES-256-GCM), the metadata file
 * (BIP-329 JSON lines plus {@code jm-*} records), and crash-safe atomic file replacement.
 *
 * <p>Owns: file formats and their parsing (a corrupt or hostile file is a
 * {@code WalletFileException}, never another unchecked exception). Must not import Netty,
 * picocli, or jm-chain; never logs secrets.
 */
package jm.wallet.store;
