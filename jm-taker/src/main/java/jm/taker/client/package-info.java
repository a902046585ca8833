/**
 * The taker as a service: one started connection to the directories (and Tor) on which
 * CoinJoins run one after another, with a one-way lifecycle, named threads it owns and releases,
 * progress through the session's listener and cancellation. What the CLI, the demo, the wallet
 * daemon and the tumbler build on. Wires jm-net's channel to the session through
 * {@code jm.taker.adapter}; must not import jm.wallet (the wallet comes in as a
 * {@link jm.taker.session.TakerWallet}).
 */
package jm.taker.client;
