/**
 * Maker selection (PROTOCOL.md 9.2): eligibility filters, fee limits and the picking
 * algorithms. Pure and deterministic given a seeded Random; must not import jm.net, jm.chain
 * or jm.wallet.
 */
package jm.taker.selection;
