/** Module jm-directory. See the module README for what it owns. */
package jm.directory;
