/** {@code jm tumbler}: plan, run, resume and show a tumble (module jm-tumbler). */
package jm.cli.tumbler;
