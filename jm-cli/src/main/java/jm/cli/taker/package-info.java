/**
 * {@code jm taker ...} commands: settings from config.toml ([taker], [network], [tor], [bitcoin]),
 * wiring of wallet, chain backend and message channel into jm-taker's session, progress and
 * summary output. Must not implement protocol logic (that lives in jm-taker).
 */
package jm.cli.taker;
