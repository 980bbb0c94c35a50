package org.shardwire.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.blocks.engines.LogicEstimate;
import org.shardwire.boards.Board;
import org.shardwire.boards.MemoryKind;

/** A folded board as a {@link BoardPlan}: its engines in order, each with the memories the allocator placed. */
final class BoardPlans {
  private BoardPlans() {}

  /** Board {@code k} holding the engines of {@code specs} (in order) as folded in {@code r}. */
  static BoardPlan of(int k, Board b, List<EngineSpec> specs, BoardFolder.Result r, List<EndpointPlan> linkEnds,
      double clockMhz) {
    double ddrBytesPerCycle = CostModel.ddrBytesPerCycle(b, clockMhz);
    List<MemoryAllocator.Placed> placed = r.usage().memory().placed();
    int next = 0;
    List<EnginePlan> engines = new ArrayList<>();
    for (int i = 0; i < r.chosen().size(); i++) {
      EngineSpec spec = specs.get(i);
      EngineCost c = r.chosen().get(i);
      List<MemoryPlan> mems = new ArrayList<>();
      for (MemoryNeed m : c.memories()) {
        MemoryAllocator.Placed p = placed.get(next++);
        mems.add(new MemoryPlan(m.name(), m.width(), m.depth(), p.placement(), p.blocks(), p.luts()));
      }
      engines.add(new EnginePlan(spec.node(), spec.op(), spec.kind(), c.folding(), c.cycles(), c.macMultipliers(),
          c.requantizers(), c.requantizerUnits(), LogicEstimate.inLogicUnits(c.luts(), b.vendor()), mems, c.ddrBytesPerFrame()));
    }
    Map<MemoryKind, Integer> available = new LinkedHashMap<>();
    for (MemoryKind kind : b.memoryKinds()) {
      available.put(kind, b.memoryBlocks(kind));
    }
    return new BoardPlan(k, b.id(), b.multiplierUnit(), b.multipliers(), available, b.logicUnit(), b.logic(),
        linkEnds, engines, r.limit(), ddrBytesPerCycle);
  }
}
