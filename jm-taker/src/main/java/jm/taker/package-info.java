/** Module jm-taker. See the module README for what it owns. */
package jm.taker;
