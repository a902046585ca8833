package jm.bench;

import java.util.concurrent.TimeUnit;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.NickKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBench {
    private final NickKey key = Fixtures.nickKey("bench taker nick");
    private final String data = "0 1000000 87af75cf3c9845bc7b34a3e2d4d500308cb5c48e956c42e2754538397f153464 "
            + "P45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2";
    private final String pub = key.pubKeyHex();
    private final String sig = key.signPrivmsg(data);

    @Benchmark
    public String signPrivmsg() {
        return key.signPrivmsg(data);
    }

    @Benchmark
    public boolean verifyPrivmsg() {
        return MessageSigning.verifyPrivmsg(pub, data, sig);
    }
}
