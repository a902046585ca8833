package jm.bench;

import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.crypto.NickKey;
import jm.core.wire.Envelope;
import jm.core.wire.MessageType;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** What a maker does with every incoming {@code !fill}: JSON envelope, PRIVMSG line, signature and nick. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FillLineBench {
    private final NickKey taker = Fixtures.nickKey("bench taker nick");
    private final Nick maker = Fixtures.nickKey("bench maker nick").nick();
    private final String json = Envelope.of(MessageType.PRIVMSG, RawPrivMsg.sign(taker, maker, "fill",
            "0 1000000 87af75cf3c9845bc7b34a3e2d4d500308cb5c48e956c42e2754538397f153464 "
                    + "P45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2")).toJson();

    @Benchmark
    public VerifiedPrivMsg parseAndVerifyFillLine() throws ProtocolException {
        return RawPrivMsg.parse(Envelope.parse(json).line()).verify();
    }
}
