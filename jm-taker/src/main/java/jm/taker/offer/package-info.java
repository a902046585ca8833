/**
 * The taker's view of maker offers: parsing offer text into typed offers, the per-CoinJoin
 * orderbook (one cheapest offer per maker, cancellations, bond weights, age limit) and the
 * fee rule. Pure: no I/O, no clock (time is passed in); must not import jm.net, jm.chain or
 * jm.wallet.
 */
package jm.taker.offer;
