/** Module jm-tumbler. See the module README for what it owns. */
package jm.tumbler;
