package jm.bench;

import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.bond.BondProof;
import jm.core.bond.BondVerdict;
import jm.core.bond.TimeNumber;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BondBench {
    private final Nick taker = Fixtures.nickKey("bench taker nick").nick();
    private final Nick maker = Fixtures.nickKey("bench maker nick").nick();
    private final String proof = BondProof.build(Fixtures.ecKey("bench bond utxo"), Fixtures.ecKey("bench bond cert"),
            447, taker, maker, OutPoint.of("5545ed6e0765a7275f60f67373874069c8da971d85117dab63109e70e3ad5d03", 0),
            TimeNumber.toLocktime(84)).toBase64();

    @Benchmark
    public BondVerdict parseAndVerifyProof() throws ProtocolException {
        return BondProof.parse(proof).verify(taker, maker);
    }
}
