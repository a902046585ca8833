/**
 * The embedded regtest node: block store, UTXO set, mempool, full transaction validation (with
 * bitcoin-kmp's script interpreter), mining, descriptor wallets, a faucet, and an HTTP server
 * answering the subset of Bitcoin Core's JSON-RPC that {@code jm.chain.rpc} uses. Binds
 * 127.0.0.1 only. Must not import {@code jm.chain.rpc} except its JSON mapper factory (clients
 * reach the node over HTTP only), nor Netty.
 */
package jm.chain.regtest;
