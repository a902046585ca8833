package jm.core.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edge cases of the bond value beyond the shared vectors. The expected values are what the
 * reference formula (FidelityBondMixin.calculate_timelocked_fidelity_bond_value, interest rate
 * 0.015, exponent 1.3) returns under CPython for the same integer inputs, printed with repr.
 */
class BondValueReferenceCasesTest {

    /**
     * The whole-number part must be exactly the reference's (no drift from float
     * rearrangements); the fraction within 1e-12 relative (exp/pow may differ by an ulp between
     * libms).
     */
    static void assertMatchesReference(double actual, String referenceRepr) {
        // the exact value of the reference's double (repr is its shortest round-trip spelling)
        BigDecimal expected = new BigDecimal(Double.parseDouble(referenceRepr));
        assertThat(Double.isFinite(actual)).isTrue();
        assertThat(new BigDecimal(actual).toBigInteger()).as("integer part of %s", actual)
                .isEqualTo(expected.toBigInteger());
        double e = expected.doubleValue();
        assertThat(actual).isCloseTo(e, within(e == 0 ? 0.0 : Math.abs(e) * 1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "locktime passed a year ago,             100000000,        1600000000, 1700000000, 1731556952, 304579503.6096393",
        "locktime passed long ago (worth 0),     100000000,        1500000000, 1577836800, 4000000000, 0.0",
        "confirmed after its locktime (worth 0), 100000000,        1700000000, 1600000000, 1700000000, 0.0",
        "confirmed in the block it is valued at, 100000000,        1750000000, 1798761600, 1750000000, 191052165.83515543",
        "locktime equal to confirmation time,    100000000,        1798761600, 1798761600, 1798761600, 0.0",
        "21 million BTC locked for 80 years,     2100000000000000, 1577836800, 4099766400, 1577836800, 8.296312132236185e+19",
        "one sat,                                1,                1700000000, 1798761600, 1700000000, 0.01933585959498344",
        "valued at the locktime exactly,         50000000,         1700000000, 1798761600, 1798761600, 197253396.2374651",
    })
    void matchesTheReferenceFormula(String name, long sats, long confirmationTime, long locktime, long now,
            String referenceRepr) {
        assertMatchesReference(BondValue.value(sats, confirmationTime, locktime, now), referenceRepr);
    }
}
