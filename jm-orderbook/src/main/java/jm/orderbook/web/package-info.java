/**
 * What the watcher serves over HTTP: {@code /orderbook.json} in the reference watcher's schema,
 * the self-contained HTML page (no external resources; the table works without JavaScript),
 * {@code /metrics} in Prometheus text format, and the refresh endpoints. Renders snapshots of
 * the watch package only; must not import jm.net, jm.chain or jm.wallet.
 */
package jm.orderbook.web;
