/** Module jm-net. See the module README for what it owns. */
package jm.net;
