package jm.bench;

import java.util.concurrent.TimeUnit;
import jm.core.OutPoint;
import jm.core.podle.Podle;
import jm.core.podle.PodleRevelation;
import jm.core.podle.PodleVerdict;
import org.bitcoinj.crypto.ECKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PodleBench {
    private final ECKey key = Fixtures.ecKey("bench taker utxo");
    private final OutPoint utxo = OutPoint.of("f5ba48a135c4672f3e16861c083192d24dab4618d596b0d786454c0ab5d094bf", 0);
    private final byte[] nonce = Fixtures.label("bench podle nonce");
    private final PodleRevelation index0 = Podle.prove(key, utxo, 0, nonce);
    private final PodleRevelation index2 = Podle.prove(key, utxo, 2, nonce);

    @Benchmark
    public PodleVerdict verifyIndex0() {
        return Podle.verify(index0, index0.commitment(), Podle.DEFAULT_MAX_INDEX_EXCLUSIVE);
    }

    @Benchmark
    public PodleVerdict verifyIndex2() {
        return Podle.verify(index2, index2.commitment(), Podle.DEFAULT_MAX_INDEX_EXCLUSIVE);
    }

    @Benchmark
    public PodleRevelation prove() {
        return Podle.prove(key, utxo, 0, nonce);
    }
}
