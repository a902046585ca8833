/**
 * The tumble's state file: the plan with each step's progress (planned, started, sent with its
 * txid, confirmed), written atomically (temporary file, fsync, rename; mode 0600, it names the
 * destination addresses) before and after every step. Reads and writes files; no network.
 */
package jm.tumbler.state;
