/**
 * Running a tumble: the executor (one step after another, each persisted before and after),
 * its ports (the CoinJoins, the chain, the waits) and the service other code drives (start,
 * status, stop). Time comes only through {@code Waits}.
 */
package jm.tumbler.run;
