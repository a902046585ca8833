package jm.chain;

/**
 * One descriptor to watch, in Bitcoin Core's {@code importdescriptors} form.
 *
 * @param descriptor descriptor text without checksum, e.g. {@code wpkh(tpub.../0/*)} or
 *                   {@code addr(bcrt1...)}; the backend adds the checksum
 * @param rangeEnd   last index to derive for a ranged descriptor ({@code *}); ignored otherwise
 * @param timestamp  Unix seconds from which to rescan, or 0 for the whole chain; -1 means "now"
 * @param internal   whether it is a change branch
 */
public record DescriptorImport(String descriptor, int rangeEnd, long timestamp, boolean internal) {
    public DescriptorImport {
        if (descriptor == null || descriptor.isBlank()) {
            throw new IllegalArgumentException("empty descriptor");
        }
        if (rangeEnd < 0) {
            throw new IllegalArgumentException("negative range end");
        }
    }
}
