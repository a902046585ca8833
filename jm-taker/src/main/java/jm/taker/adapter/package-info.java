/**
 * Adapters from the taker's ports to the other modules: jm-wallet's Wallet as TakerWallet,
 * jm-net's onion message channel as TakerMessenger. The only place in jm-taker that imports
 * jm.net and jm.wallet.
 */
package jm.taker.adapter;
