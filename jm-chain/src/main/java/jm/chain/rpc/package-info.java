/**
 * The Bitcoin Core JSON-RPC client ({@code java.net.http} + Jackson) and the
 * {@link jm.chain.ChainBackend} built on it. Works against Bitcoin Core 28+ and against the
 * embedded regtest node. Must not import {@code jm.chain.regtest} (the node is only a server
 * it talks to over HTTP) nor any Netty class.
 */
package jm.chain.rpc;
