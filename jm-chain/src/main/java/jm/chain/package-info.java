/**
 * Module jm-chain's contract: {@link jm.chain.ChainBackend}, the records it returns, its typed
 * errors, and descriptor checksums. Implementations live in {@code jm.chain.rpc} (Bitcoin Core
 * JSON-RPC) and the embedded node in {@code jm.chain.regtest}. This package must not import
 * either subpackage, Netty, or anything from wallet/maker/taker.
 */
package jm.chain;
