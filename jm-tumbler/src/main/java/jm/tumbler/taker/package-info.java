/** The tumbler's CoinJoins through jm-taker's {@code TakerClient} and a jm-wallet wallet. */
package jm.tumbler.taker;
