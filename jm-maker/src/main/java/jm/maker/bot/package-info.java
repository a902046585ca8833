/**
 * The maker bot: the engine that drives sessions, offers and limits from incoming messages, the
 * small ports it needs from the wallet, the chain and the message channel (with adapters to
 * jm-wallet, jm-chain and jm-net), and the maker's durable files (commitment blacklist, CoinJoin
 * history CSV, nick state). The engine runs on one serial executor and never on a Netty event
 * loop. Must not import jm-cli, Logback or jm-taker.
 */
package jm.maker.bot;
