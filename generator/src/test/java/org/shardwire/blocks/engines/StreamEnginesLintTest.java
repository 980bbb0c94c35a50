package org.shardwire.blocks.engines;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardwire.blocks.engines.elementwise.AddEngineConfig;
import org.shardwire.blocks.engines.elementwise.ClampEngineConfig;
import org.shardwire.blocks.engines.pool.AvgPoolEngineConfig;
import org.shardwire.blocks.engines.pool.GlobalAvgPoolEngineConfig;
import org.shardwire.blocks.engines.pool.MaxPoolEngineConfig;
import org.shardwire.blocks.engines.routing.ConcatEngineConfig;
import org.shardwire.blocks.engines.routing.ForkConfig;
import org.shardwire.blocks.engines.routing.LaneAdapterConfig;
import org.shardwire.blocks.engines.routing.ShuffleEngineConfig;
import org.shardwire.blocks.engines.window.WindowGeometry;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.model.ChannelShuffle;
import org.shardwire.model.Padding;
import org.shardwire.model.Shape;

/**
 * Every module of the non-conv engines, each as its own top, passes {@code verilator --lint-only
 * -Wall} for both vendors' reset styles, including the corner cases (one word per pixel, one
 * channel group, identity requantizers, equal lane counts, 64 lanes).
 */
class StreamEnginesLintTest {
  private static final RequantConstants HALF = new RequantConstants(1 << 30, 31);
  private static final RequantConstants SAME = new RequantConstants(1 << 30, 30);
  private static final RequantConstants TINY = new RequantConstants(12345, 62);

  static Stream<EngineConfig> configs() {
    return Stream.of(
        new ClampEngineConfig(Shape.of(2, 2, 8), 1, ClampBounds.FULL),
        new ClampEngineConfig(Shape.of(2, 2, 64), 64, new ClampBounds(0, 6)),
        new AddEngineConfig(Shape.of(2, 2, 4), 1, HALF, TINY, ClampBounds.FULL),
        new AddEngineConfig(Shape.of(2, 2, 16), 16, SAME, SAME, new ClampBounds(-3, 100)),
        new ForkConfig(Shape.of(2, 2, 8), 8, 2),
        new ForkConfig(Shape.of(2, 2, 3), 1, 3),
        new LaneAdapterConfig(Shape.of(2, 2, 8), 8, 8),
        new LaneAdapterConfig(Shape.of(2, 2, 16), 1, 16),
        new LaneAdapterConfig(Shape.of(2, 2, 16), 16, 1),
        new LaneAdapterConfig(Shape.of(2, 2, 12), 4, 6),
        new LaneAdapterConfig(Shape.of(2, 2, 64), 64, 2),
        new ShuffleEngineConfig(Shape.of(2, 2, 8), 8, ChannelShuffle.permutation(8, 2)),
        new ShuffleEngineConfig(Shape.of(2, 2, 12), 2, ChannelShuffle.permutation(12, 3)),
        new ConcatEngineConfig(List.of(Shape.of(2, 2, 4), Shape.of(2, 2, 8)), 4, List.of(SAME, SAME),
            List.of(RamStyle.XILINX_DISTRIBUTED, RamStyle.XILINX_BLOCK)),
        new ConcatEngineConfig(List.of(Shape.of(2, 2, 2), Shape.of(2, 2, 6), Shape.of(2, 2, 4)), 2,
            List.of(HALF, TINY, SAME), List.of(RamStyle.INTEL_MLAB, RamStyle.INTEL_M20K, RamStyle.INTEL_MLAB)),
        new GlobalAvgPoolEngineConfig(Shape.of(1, 1, 8), 8, HALF, RamStyle.XILINX_DISTRIBUTED),
        new GlobalAvgPoolEngineConfig(Shape.of(3, 5, 12), 4, TINY, RamStyle.INTEL_MLAB),
        new GlobalAvgPoolEngineConfig(Shape.of(8, 8, 64), 16, SAME, RamStyle.XILINX_BLOCK),
        new MaxPoolEngineConfig(Shape.of(8, 8, 16), 8, WindowGeometry.square(3, 2, 1), RamStyle.XILINX_BLOCK),
        new MaxPoolEngineConfig(Shape.of(6, 6, 4), 4, WindowGeometry.square(2, 2, 0), RamStyle.INTEL_M20K),
        new MaxPoolEngineConfig(Shape.of(5, 7, 2), 1, new WindowGeometry(3, 2, 2, 1, new Padding(1, 0, 2, 1)),
            RamStyle.XILINX_DISTRIBUTED),
        new AvgPoolEngineConfig(Shape.of(8, 8, 16), 8, WindowGeometry.square(3, 2, 1), true,
            Collections.nCopies(9, HALF), RamStyle.XILINX_BLOCK),
        new AvgPoolEngineConfig(Shape.of(6, 5, 8), 4, WindowGeometry.square(3, 2, 1), false,
            List.of(HALF, TINY, SAME, HALF, TINY, HALF, SAME, TINY, HALF), RamStyle.XILINX_BLOCK),
        new AvgPoolEngineConfig(Shape.of(4, 4, 16), 16, WindowGeometry.square(2, 2, 0), false,
            Collections.nCopies(4, SAME), RamStyle.XILINX_BLOCK));
  }

  static Stream<Arguments> cases() {
    return Stream.of(Vendor.values()).flatMap(v -> configs().map(c -> Arguments.of(v, c)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyModuleIsLintClean(Vendor vendor, EngineConfig c) {
    EngineSim.assertLintClean("lint/" + vendor + "/" + c.moduleName(), c, vendor);
  }
}
