package jm.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescriptorChecksumTest {
    @Test
    void matchesBip380TestVector() {
        // BIP 380: "raw(deadbeef)#89f8spxm" is a valid descriptor with checksum
        assertThat(DescriptorChecksum.of("raw(deadbeef)")).contains("89f8spxm");
        assertThat(DescriptorChecksum.append("raw(deadbeef)")).isEqualTo("raw(deadbeef)#89f8spxm");
    }

    @Test
    void keepsAnExistingChecksumAndStripsIt() {
        assertThat(DescriptorChecksum.append("raw(deadbeef)#89f8spxm")).isEqualTo("raw(deadbeef)#89f8spxm");
        assertThat(DescriptorChecksum.strip("raw(deadbeef)#89f8spxm")).isEqualTo("raw(deadbeef)");
    }

    @Test
    void rejectsCharactersOutsideTheCharset() {
        assertThat(DescriptorChecksum.of("raw(dé)")).isEmpty();
    }

    @Test
    void differsWhenOneCharacterChanges() {
        assertThat(DescriptorChecksum.of("raw(deadbeee)")).isNotEqualTo(DescriptorChecksum.of("raw(deadbeef)"));
    }
}
