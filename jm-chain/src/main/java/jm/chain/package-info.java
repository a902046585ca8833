/** Module jm-chain. See the module README for what it owns. */
package jm.chain;
