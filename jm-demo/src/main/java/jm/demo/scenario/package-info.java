/**
 * The demo scenario on a running {@link jm.demo.market.DemoMarket}: a CoinJoin over direct
 * connections, one relayed through the directory only and a sweep, each checked on chain (confirmed,
 * equal outputs, makers' balance change, no address reused), then maker 1's expired fidelity bond
 * spent, and summarised for the CLI.
 * Must not import jm.cli, picocli or a logging backend.
 */
package jm.demo.scenario;
