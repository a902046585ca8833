package jm.bench;

import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.crypto.NickKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NickBench {
    private final String pub = Fixtures.nickKey("bench maker nick").pubKeyHex();
    private final byte[] priv = Fixtures.label("bench maker nick");

    @Benchmark
    public Nick nickFromPubKeyHex() {
        return NickKeys.nickFromPubKeyHex(pub);
    }

    @Benchmark
    public Nick nickKeyFromPrivateKey() {
        return NickKey.fromPrivateKey(priv).nick();
    }
}
