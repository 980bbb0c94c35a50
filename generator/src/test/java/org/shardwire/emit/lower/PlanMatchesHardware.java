package org.shardwire.emit.lower;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shardwire.blocks.engines.EngineConfig;
import org.shardwire.blocks.engines.RequantProduct;
import org.shardwire.blocks.mac.PackedMac;
import org.shardwire.blocks.memory.MemoryBlockEstimator;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.emit.board.EngineNode;
import org.shardwire.golden.Quantization;
import org.shardwire.hdl.HardwareCensus;
import org.shardwire.hdl.HdlException;
import org.shardwire.hdl.RamStyle;
import org.shardwire.hdl.Vendor;
import org.shardwire.hdl.VerilogEmitter;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.CostModel;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.MemoryPlacement;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.quant.QuantizedGraph;
import org.shardwire.testing.TestPaths;

/**
 * Plans a zoo network, lowers it, elaborates every engine on its own and compares what the plan
 * counts for the engine with what the elaborated netlist holds ({@link HardwareCensus}, read from
 * SpinalHDL after elaboration, not from any config): memory bits and blocks per kind, and
 * multipliers (int8 x int8 products one unit each, an int8 x 27-bit packed product of two MACs
 * one DSP48E2) and the requantizer products with their value widths (how many units the M side
 * takes once synthesis has narrowed a constant M is checked against yosys, RequantizerUnitsYosysTest;
 * here the plan's units must be those of the products the engine states it builds). A join's
 * branch FIFO is built by the board top, outside the engine, and is left out on both sides.
 */
final class PlanMatchesHardware {
  /** A product with an operand this wide is a requantizer's (value x M, M being 32 bits). */
  static final int REQUANT_OPERAND_BITS = 16;

  private PlanMatchesHardware() {}

  /** What one engine holds, by the same measure on both sides. */
  record Count(Map<String, Long> bitsByPlacement, Map<String, Double> blocksByKind, int macs,
               List<Integer> requantizerValueBits) {}

  /** One engine that differs (its plan count and its hardware count) or that could not be elaborated. */
  record Mismatch(String model, String layer, String problem) {
    static Mismatch counts(String model, String layer, Count plan, Count hardware) {
      return new Mismatch(model, layer, "\n    plan     " + plan + "\n    hardware " + hardware);
    }

    @Override
    public String toString() {
      return model + " " + layer + ": " + problem;
    }
  }

  /** Every engine of {@code model} planned on {@code boards} whose name passes {@code layers}, compared. */
  static List<Mismatch> check(String model, String boards, java.util.function.Predicate<String> layers) {
    return check(model, boards, false, layers);
  }

  /** The same, with two MACs per DSP48E2 allowed on Xilinx boards ({@code dspPacking}) or not. */
  static List<Mismatch> check(String model, String boards, boolean dspPacking,
      java.util.function.Predicate<String> layers) {
    return check(model, boards, o -> o.withDspPacking(dspPacking), layers);
  }

  /** The same, planned with the default options as {@code options} changes them. */
  static List<Mismatch> check(String model, String boards, java.util.function.UnaryOperator<PlanOptions> options,
      java.util.function.Predicate<String> layers) {
    return checkEngines(model, boards, options, n -> layers.test(n.name()));
  }

  /**
   * The same for every built engine that passes {@code engines} (which sees each one as the
   * lowering built it, so a test can pick engines by their config from this one plan).
   */
  static List<Mismatch> checkEngines(String model, String boards, java.util.function.UnaryOperator<PlanOptions> options,
      java.util.function.Predicate<EngineNode> engines) {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build(model), ModelZoo.DEFAULT_SEED);
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    Plan plan = Planner.plan(q, list, options.apply(PlanOptions.defaults(list)));
    List<Vendor> vendors = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      vendors.add(list.get(i).vendor());
    }
    Lowering.Lowered hw = Lowering.lower(q, plan, vendors);
    List<Mismatch> out = new ArrayList<>();
    Path dir = TestPaths.freshDir("plan-matches-hw-" + model);
    for (BoardPlan b : plan.boards()) {
      Vendor vendor = vendors.get(b.index());
      Map<String, EngineNode> nodes = new TreeMap<>();
      for (EngineNode n : hw.boards().get(b.index()).network().nodes()) {
        nodes.put(n.name(), n);
      }
      for (EnginePlan e : b.engines()) {
        EngineNode n = nodes.get(e.node());
        if (n == null || !engines.test(n)) {
          continue; // Flatten builds nothing
        }
        Count planned = planned(e, n.engine());
        int units = n.engine().requantProducts().stream().mapToInt(p -> p.units(vendor)).sum();
        if (e.requantizerUnits() != units) {
          out.add(new Mismatch(model, e.node(), "the plan counts " + e.requantizerUnits() + " requantizer units, the "
              + "engine's products " + n.engine().requantProducts() + " take " + units));
        }
        try {
          Count built = built(n.engine(), vendor, dir);
          if (!planned.equals(built)) {
            out.add(Mismatch.counts(model, e.node(), planned, built));
          }
        } catch (HdlException failed) {
          out.add(new Mismatch(model, e.node(), "the planned engine does not elaborate: " + failed.getMessage()));
        }
      }
    }
    return out;
  }

  /** The plan's count of {@code e}, whose requantizer products' value widths are its engine config's. */
  static Count planned(EnginePlan e, EngineConfig engine) {
    Map<String, Long> bits = new TreeMap<>();
    Map<String, Double> blocks = new TreeMap<>();
    for (MemoryPlan m : e.memories()) {
      if (m.name().equals(CostModel.BRANCH_FIFO)) {
        continue;
      }
      bits.merge(m.placement().name(), (long) m.width() * m.depth(), Long::sum);
      if (m.placement().kind() != null) {
        blocks.merge(m.placement().name(), m.blocks(), Double::sum);
      }
    }
    List<Integer> valueBits = engine.requantProducts().stream().map(RequantProduct::valueBits).sorted().toList();
    if (valueBits.size() != e.requantizers()) {
      throw new AssertionError(e.node() + ": the plan counts " + e.requantizers() + " requantizers, its engine states "
          + valueBits.size() + " products");
    }
    return new Count(bits, blocks, e.macMultipliers(), valueBits);
  }

  static Count built(EngineConfig engine, Vendor vendor, Path dir) {
    HardwareCensus c = new VerilogEmitter(vendor, "plan-matches-hardware test").elaborate(engine::newModule, dir)
        .census();
    Map<String, Long> bits = new TreeMap<>();
    Map<String, Double> blocks = new TreeMap<>();
    for (HardwareCensus.MemoryInstance m : c.memories()) {
      MemoryPlacement p = placement(m);
      bits.merge(p.name(), m.bits(), Long::sum);
      if (p.kind() != null) {
        blocks.merge(p.name(), MemoryBlockEstimator.blocks(p.kind().style(), m.width(), m.depth()), Double::sum);
      }
    }
    int macs = 0;
    List<Integer> requantizerValueBits = new ArrayList<>();
    for (HardwareCensus.Multiplier m : c.multipliers()) {
      int narrow = Math.min(m.widthA(), m.widthB());
      int wide = Math.max(m.widthA(), m.widthB());
      if (narrow == 8 && wide == PackedMac.OPERAND_BITS) {
        macs++; // two int8 MACs in one DSP48E2: int8 activation x the 27-bit pre-adder operand (WP487)
      } else if (wide >= REQUANT_OPERAND_BITS) {
        requantizerValueBits.add(m.widthA()); // value x 32-bit M
      } else if (narrow >= 8) {
        macs++; // int8 x int8
      } // else a product of a few bits (e.g. a pool's real-pixel count): LUTs, no multiplier unit
    }
    return new Count(bits, blocks, macs, requantizerValueBits.stream().sorted().toList());
  }

  private static MemoryPlacement placement(HardwareCensus.MemoryInstance m) {
    RamStyle s = m.style().orElseThrow(() -> new AssertionError("memory " + m.path() + " (" + m.width() + " x "
        + m.depth() + ") carries no RAM style: the plan cannot have placed it"));
    switch (s) {
      case XILINX_BLOCK:
        return MemoryPlacement.RAMB36;
      case XILINX_ULTRA:
        return MemoryPlacement.URAM288;
      case INTEL_M20K:
        return MemoryPlacement.M20K;
      default:
        return MemoryPlacement.LUTRAM;
    }
  }
}
