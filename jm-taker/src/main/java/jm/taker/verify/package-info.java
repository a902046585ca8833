/**
 * Verification of makers' {@code !ioauth} answers (PROTOCOL.md 9.4), returning verdicts that
 * name what failed. Pure: chain lookups are passed in; must not import jm.net or jm.wallet.
 */
package jm.taker.verify;
