package jm.maker.session;

import java.util.Optional;

/** Our current offers as {@code !fill} checks them. */
@FunctionalInterface
public interface OfferLookup {

    /** The size range of our offer {@code oid}, if we currently offer it. */
    Optional<SizeRange> find(long oid);

    /** Inclusive size range of an offer, in satoshis. */
    record SizeRange(long minSize, long maxSize) {
        public SizeRange {
            if (minSize < 0 || maxSize < minSize) {
                throw new IllegalArgumentException("bad size range " + minSize + ".." + maxSize);
            }
        }

        public boolean contains(long amount) {
            return amount >= minSize && amount <= maxSize;
        }
    }
}
