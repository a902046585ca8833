/**
 * {@code jm wallet}: generate, import, info, addresses, freeze, unfreeze, send, history.
 *
 * <p>Owns: argument parsing, prompts and output formats (text and {@code --json}) of the wallet
 * commands. Delegates everything else to jm-wallet and the chain backend. Errors a user can cause
 * (wrong password, bad mnemonic, unreachable node, bad flags) are printed as one line on stderr
 * with exit code 1, never as a stack trace. Must not import jm-maker, jm-taker or jm-net.
 */
package jm.cli.wallet;
