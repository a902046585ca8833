/**
 * The JoinMarket HD wallet: a mnemonic-derived key tree with mixdepths, synchronised through
 * {@code jm.chain.ChainBackend}, its coins, coin selection for makers and takers, P2WPKH
 * signing, fresh-address reservation that is persisted before an address is returned, frozen
 * and reserved coins, and the fidelity-bond branch.
 *
 * <p>Owns: the {@code Wallet} facade and its configuration. Must not import: Netty, picocli,
 * Logback, jm-net, jm-maker, jm-taker, jm-cli. Never logs secrets; addresses and outpoints at
 * DEBUG only.
 */
package jm.wallet;
