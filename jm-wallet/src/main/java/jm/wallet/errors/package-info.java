/**
 * The wallet's error base class, {@link jm.wallet.errors.WalletException}: every package of the
 * module throws its subclasses, so it lives in this leaf package that imports nothing of the
 * wallet (no package cycle).
 *
 * <p>Owns: the base of the wallet's typed errors. Must not import: any other {@code jm.wallet}
 * package.
 */
package jm.wallet.errors;
