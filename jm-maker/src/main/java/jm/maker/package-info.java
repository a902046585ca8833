/** Module jm-maker. See the module README for what it owns. */
package jm.maker;
