/** Broadcast policy of the finished CoinJoin. Pure; must not import jm.net, jm.chain or jm.wallet. */
package jm.taker.broadcast;
