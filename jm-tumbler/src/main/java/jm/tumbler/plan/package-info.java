/**
 * The tumble plan: its parameters, the generator (pure; randomness injected) and the reference
 * schedule-file format. No I/O but {@code ScheduleFile.read(Path, ...)}; no clock, no threads.
 */
package jm.tumbler.plan;
