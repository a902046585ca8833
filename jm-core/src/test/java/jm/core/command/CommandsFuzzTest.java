package jm.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;
import jm.core.offer.Offer;
import jm.core.testing.RoundTrip;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for every command parser (one per command name), the multi-part bodies and the
 * encrypted payloads. Property: only {@link ProtocolException} escapes, and a parsed value
 * formats to text that parses to the same value.
 */
class CommandsFuzzTest {
    private static final BoxChannel BOX = BoxChannel.fromSharedKey(new byte[32]);

    static void checkCommand(CommandName name, String args) {
        try {
            Command c = Commands.parse(name.wireName() + (args.isEmpty() ? "" : " " + args));
            assertThat(c.name()).isEqualTo(name);
            assertSameValue(c, Commands.parse(c.toWire()));
            if (c instanceof SealedCommand<?> e) {
                openQuietly(e);
            }
        } catch (ProtocolException expected) {
            // rejected
        }
    }

    /** {@code back} is {@code c} formatted and parsed again: the same command with the same values. */
    static void assertSameValue(Command c, Command back) {
        if (c instanceof OfferCommand oc) {
            // offers go out without exponent notation, so a fee stored as 1E+3 comes back as
            // 1000: the same value in another canonical text
            assertThat(back).isInstanceOf(OfferCommand.class);
            Offer a = oc.offer();
            Offer b = ((OfferCommand) back).offer();
            assertThat(b.cjFeeDecimal()).isEqualByComparingTo(a.cjFeeDecimal());
            assertThat(new Offer(b.type(), b.oid(), b.minSize(), b.maxSize(), b.txFee(), a.cjFee())).isEqualTo(a);
        } else {
            assertThat(back).isEqualTo(c);
        }
    }

    private static void openQuietly(SealedCommand<?> e) {
        try {
            e.open(BOX);
        } catch (ProtocolException expected) {
            // wrong key: MAC failure
        }
    }

    @FuzzTest(maxDuration = "30s")
    void orderbook(FuzzedDataProvider d) {
        checkCommand(CommandName.ORDERBOOK, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void offer(FuzzedDataProvider d) {
        CommandName n = d.pickValue(List.of(CommandName.SW0RELOFFER, CommandName.SW0ABSOFFER, CommandName.SWRELOFFER,
                CommandName.SWABSOFFER, CommandName.RELOFFER, CommandName.ABSOFFER));
        checkCommand(n, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void tbond(FuzzedDataProvider d) {
        checkCommand(CommandName.TBOND, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void cancel(FuzzedDataProvider d) {
        checkCommand(CommandName.CANCEL, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void fill(FuzzedDataProvider d) {
        checkCommand(CommandName.FILL, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void pubkey(FuzzedDataProvider d) {
        checkCommand(CommandName.PUBKEY, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void auth(FuzzedDataProvider d) {
        checkCommand(CommandName.AUTH, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void ioauth(FuzzedDataProvider d) {
        checkCommand(CommandName.IOAUTH, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void tx(FuzzedDataProvider d) {
        checkCommand(CommandName.TX, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void sig(FuzzedDataProvider d) {
        checkCommand(CommandName.SIG, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void push(FuzzedDataProvider d) {
        checkCommand(CommandName.PUSH, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void error(FuzzedDataProvider d) {
        checkCommand(CommandName.ERROR, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void hp2(FuzzedDataProvider d) {
        checkCommand(CommandName.HP2, d.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "30s")
    void bodies(FuzzedDataProvider d) {
        boolean pub = d.consumeBoolean();
        String first = d.consumeString(12);
        String rest = d.consumeRemainingAsString();
        try {
            if (pub) {
                checkPublicBody(first + rest);
            } else {
                Commands.parsePrivateBody(first, rest);
            }
        } catch (ProtocolException expected) {
            // rejected
        }
    }

    /** A parsed public body formats to a body that parses to commands with the same values. */
    static void checkPublicBody(String body) throws ProtocolException {
        ParsedCommands<PublicCommand> p = Commands.parsePublicBody(body);
        if (!p.commands().isEmpty()) {
            // same values, not same text: a 1e21 fee goes out as 1000000000000000000000
            List<PublicCommand> back = Commands.parsePublicBody(Commands.publicBody(p.commands())).commands();
            assertThat(back).hasSameSizeAs(p.commands());
            for (int i = 0; i < back.size(); i++) {
                assertSameValue(p.commands().get(i), back.get(i));
            }
        }
    }

    /** Fuzzing finding (bodies, crash-c46faced7bc7f28ad04949300c6b1ff6db6336d4): an exponent fee in a public body. */
    @Test
    void publicBodyOfferWithExponentFeeFoundByFuzzingKeepsItsValue() throws ProtocolException {
        checkPublicBody("sw0reloffer 5 0 5 000 010e21");
        ParsedCommands<PublicCommand> p = Commands.parsePublicBody("sw0reloffer 5 0 5 000 010e21");
        assertThat(p.commands()).singleElement().isInstanceOf(OfferCommand.class);
    }

    @FuzzTest(maxDuration = "30s")
    void ioauthPayload(FuzzedDataProvider d) {
        RoundTrip.check(d.consumeRemainingAsString(), IoAuthPayload::parse, IoAuthPayload::toWire,
                p -> p.bindsBoxKey("00".repeat(32)));
    }

    @FuzzTest(maxDuration = "30s")
    void txPayload(FuzzedDataProvider d) {
        RoundTrip.check(d.consumeRemainingAsString(), TxPayload::parse, TxPayload::toWire);
    }

    @FuzzTest(maxDuration = "30s")
    void sigPayload(FuzzedDataProvider d) {
        RoundTrip.check(d.consumeRemainingAsString(), SigPayload::parse, SigPayload::toWire);
    }

    /** Deterministic variants of valid commands: every truncation and single-character change. */
    @Test
    void offerWithPositiveExponentFeeFoundByFuzzingKeepsItsValue() {
        checkCommand(CommandName.SWRELOFFER, "6 2 6 6867 22888888888888888888881e3");
        checkCommand(CommandName.SW0RELOFFER, "0 1 2 0 0e2");
    }

    @Test
    void validCommandsAndTheirMutationsHoldTheFuzzProperty() throws Exception {
        int checked = 0;
        for (Command c : CommandsTest.samples()) {
            String args = c.args();
            for (int cut = 0; cut <= args.length(); cut += Math.max(1, args.length() / 40)) {
                checkCommand(c.name(), args.substring(0, cut));
                checked++;
            }
            for (int i = 0; i < args.length(); i += Math.max(1, args.length() / 40)) {
                for (char x : new char[] {' ', '!', 'A', '0', '-', '\u00e9'}) {
                    checkCommand(c.name(), args.substring(0, i) + x + args.substring(i + 1));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
