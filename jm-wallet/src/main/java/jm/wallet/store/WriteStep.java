package jm.wallet.store;

/** The steps of an atomic file replacement, in order; tests inject a crash after each. */
public enum WriteStep {
    /** The temporary file exists, empty, mode 0600. */
    TEMP_CREATED,
    /** Half of the content is in the temporary file. */
    TEMP_HALF_WRITTEN,
    /** All content is written but not yet forced to disk. */
    TEMP_WRITTEN,
    /** The temporary file is fsynced. */
    TEMP_SYNCED,
    /** The temporary file has been renamed over the target. */
    RENAMED,
    /** The directory is fsynced: the new content is durable. */
    DIR_SYNCED
}
