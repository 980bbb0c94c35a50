package org.shardwire.testing;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.shardwire.hdl.EmittedDesign;
import org.shardwire.hdl.GeneratorStamp;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.sim.BuildContext;
import org.shardwire.sim.SimResult;
import org.shardwire.sim.StreamSimulator;
import org.shardwire.sim.Testbench;

/** Emit a block and simulate it against golden vectors: the common steps of the block tests. */
public final class BlockSim {
  private BlockSim() {}

  public static final long SEED = 0x5eed_2026L;

  public static EmittedDesign emit(String caseName, Supplier<? extends Module> top, Object config) {
    Path rtl = TestPaths.freshDir(caseName + "/rtl");
    return new VerilogEmitter(Vendor.XILINX, GeneratorStamp.header("block test", config.toString())).emit(top, rtl);
  }

  public static StreamSimulator.Run simulate(String caseName, EmittedDesign design, Testbench tb,
      Map<String, List<List<BigInteger>>> vectors) {
    BuildContext ctx = BuildContext.detect(TestPaths.verilatorCache(), TestPaths.freshDir(caseName + "/run"), SEED);
    return new StreamSimulator(ctx).simulate(design, tb, vectors);
  }

  /** Fails the test with the driver's mismatch report unless the run passed. */
  public static SimResult assertPassed(StreamSimulator.Run run) {
    SimResult r = run.result();
    if (!r.passed()) {
      throw new AssertionError(r.failureReport());
    }
    return r;
  }
}
