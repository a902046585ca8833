/**
 * The taker's CoinJoin orchestration: the per-attempt state machine, its ports to the wallet
 * ({@link jm.taker.session.TakerWallet}) and the message channel
 * ({@link jm.taker.session.TakerMessenger}), configuration, pre-flight check and final report.
 * Must not import jm.net or jm.wallet directly (adapters live in jm.taker.adapter).
 */
package jm.taker.session;
