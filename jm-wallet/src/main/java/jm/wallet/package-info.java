/** Module jm-wallet. See the module README for what it owns. */
package jm.wallet;
