package org.shardwire.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.shardwire.boards.MemoryKind;
import org.shardwire.model.Shape;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.EngineKind;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.Folding;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.MemoryPlacement;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Strategy;

/**
 * plan.json (DESIGN.md "Contracts"): written with a fixed key order and fixed decimals, so the
 * same plan gives the same bytes; read back into a {@link Plan} (what the emitter builds from).
 * Totals (cycles, multipliers, memory blocks, LUTs, fps, efficiency, link Gb/s) are written for
 * people and tools, and derived again from the engines when read.
 *
 * <pre>
 * model, strategy, boards_spec, clock_mhz,
 * boards[]: index, board, layers[], est_cycles_per_frame, multipliers, multipliers_available,
 *           multiplier_unit, mem_blocks{KIND: n}, mem_blocks_available{KIND: n}, luts_est,
 *           luts_available, logic_unit, link_endpoints,
 *           engines[]: name, op, engine, pe/simd/lanes (the folding), cycles, mac_multipliers,
 *                      requantizers, multipliers, logic_luts, memories[]: name, width, depth, kind, blocks, luts
 * links[]: from, to, tensor, shape[h, w, c], bytes_per_frame, lanes, line_rate_gbps, capacity_gbps,
 *          lane_gbps (payload needed at est_fps), utilisation, cycles
 * est_cycles_per_frame, macs_per_frame, multipliers, est_fps, est_multiplier_efficiency
 * </pre>
 */
public final class PlanJson {
  private PlanJson() {}

  public static String write(Plan p) {
    double fps = p.estFps();
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"model\": ").append(JsonText.str(p.model())).append(",\n");
    b.append("  \"strategy\": ").append(JsonText.str(p.strategy().label())).append(",\n");
    b.append("  \"boards_spec\": ").append(JsonText.str(p.boardsSpec())).append(",\n");
    b.append("  \"clock_mhz\": ").append(JsonText.fixed(p.clockMhz(), 3)).append(",\n");
    b.append("  \"boards\": [\n");
    for (int i = 0; i < p.boards().size(); i++) {
      board(b, p.boards().get(i));
      b.append(i + 1 < p.boards().size() ? ",\n" : "\n");
    }
    b.append("  ],\n");
    b.append("  \"links\": [");
    for (int i = 0; i < p.links().size(); i++) {
      LinkPlan l = p.links().get(i);
      b.append(i == 0 ? "\n" : ",\n");
      b.append("    {\"from\": ").append(l.from()).append(", \"to\": ").append(l.to())
          .append(", \"tensor\": ").append(JsonText.str(l.tensor()))
          .append(", \"shape\": [").append(l.shape().h()).append(", ").append(l.shape().w()).append(", ")
          .append(l.shape().c()).append("]")
          .append(", \"bytes_per_frame\": ").append(l.bytesPerFrame())
          .append(", \"lanes\": ").append(l.lanes())
          .append(", \"line_rate_gbps\": ").append(JsonText.fixed(l.lineRateGbps(), 4))
          .append(", \"capacity_gbps\": ").append(JsonText.fixed(l.capacityGbps(), 4))
          .append(", \"lane_gbps\": ").append(JsonText.fixed(l.neededGbps(fps), 4))
          .append(", \"utilisation\": ").append(JsonText.fixed(l.utilisation(fps), 4))
          .append(", \"cycles\": ").append(l.cycles()).append('}');
    }
    b.append(p.links().isEmpty() ? "],\n" : "\n  ],\n");
    b.append("  \"est_cycles_per_frame\": ").append(p.cyclesPerFrame()).append(",\n");
    b.append("  \"macs_per_frame\": ").append(p.macsPerFrame()).append(",\n");
    b.append("  \"multipliers\": ").append(p.multipliers()).append(",\n");
    b.append("  \"est_fps\": ").append(JsonText.fixed(fps, 3)).append(",\n");
    b.append("  \"est_multiplier_efficiency\": ").append(JsonText.fixed(p.multiplierEfficiency(), 4)).append('\n');
    b.append("}\n");
    return b.toString();
  }

  private static void board(StringBuilder b, BoardPlan bp) {
    b.append("    {\n");
    b.append("      \"index\": ").append(bp.index()).append(",\n");
    b.append("      \"board\": ").append(JsonText.str(bp.board())).append(",\n");
    b.append("      \"layers\": [");
    List<String> layers = bp.layers();
    for (int i = 0; i < layers.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(JsonText.str(layers.get(i)));
    }
    b.append("],\n");
    b.append("      \"est_cycles_per_frame\": ").append(bp.cyclesPerFrame()).append(",\n");
    b.append("      \"multipliers\": ").append(bp.multipliers()).append(",\n");
    b.append("      \"multipliers_available\": ").append(bp.multipliersAvailable()).append(",\n");
    b.append("      \"multiplier_unit\": ").append(JsonText.str(bp.multiplierUnit())).append(",\n");
    b.append("      \"mem_blocks\": {");
    String sep = "";
    for (Map.Entry<MemoryKind, Double> e : bp.memBlocks().entrySet()) {
      b.append(sep).append(JsonText.str(e.getKey().name())).append(": ").append(JsonText.fixed(e.getValue(), 1));
      sep = ", ";
    }
    b.append("},\n");
    b.append("      \"mem_blocks_available\": {");
    sep = "";
    for (Map.Entry<MemoryKind, Integer> e : bp.memBlocksAvailable().entrySet()) {
      b.append(sep).append(JsonText.str(e.getKey().name())).append(": ").append(e.getValue());
      sep = ", ";
    }
    b.append("},\n");
    b.append("      \"luts_est\": ").append(bp.lutsEstimate()).append(",\n");
    b.append("      \"luts_available\": ").append(bp.logicAvailable()).append(",\n");
    b.append("      \"logic_unit\": ").append(JsonText.str(bp.logicUnit())).append(",\n");
    b.append("      \"link_endpoints\": ").append(bp.linkEndpoints()).append(",\n");
    b.append("      \"engines\": [\n");
    for (int i = 0; i < bp.engines().size(); i++) {
      engine(b, bp.engines().get(i));
      b.append(i + 1 < bp.engines().size() ? ",\n" : "\n");
    }
    b.append("      ]\n");
    b.append("    }");
  }

  private static void engine(StringBuilder b, EnginePlan e) {
    b.append("        {\"name\": ").append(JsonText.str(e.node())).append(", \"op\": ").append(JsonText.str(e.op()))
        .append(", \"engine\": ").append(JsonText.str(e.engine().label()));
    Folding f = e.folding();
    if (f instanceof Folding.PeSimd p) {
      b.append(", \"pe\": ").append(p.pe()).append(", \"simd\": ").append(p.simd());
    } else if (f instanceof Folding.Simd s) {
      b.append(", \"simd\": ").append(s.simd());
    } else if (f instanceof Folding.Lanes l) {
      b.append(", \"lanes\": ").append(l.lanes());
    }
    b.append(", \"cycles\": ").append(e.cycles())
        .append(", \"mac_multipliers\": ").append(e.macMultipliers())
        .append(", \"requantizers\": ").append(e.requantizers())
        .append(", \"multipliers\": ").append(e.multipliers())
        .append(", \"logic_luts\": ").append(e.luts())
        .append(", \"memories\": [");
    for (int i = 0; i < e.memories().size(); i++) {
      MemoryPlan m = e.memories().get(i);
      b.append(i == 0 ? "" : ", ").append("{\"name\": ").append(JsonText.str(m.name()))
          .append(", \"width\": ").append(m.width()).append(", \"depth\": ").append(m.depth())
          .append(", \"kind\": ").append(JsonText.str(m.placement().name()))
          .append(", \"blocks\": ").append(JsonText.fixed(m.blocks(), 1))
          .append(", \"luts\": ").append(m.luts()).append('}');
    }
    b.append("]}");
  }

  /** Reads a plan.json; {@code source} names the file in error messages. */
  public static Plan read(String source, String json) {
    Obj root = new Obj(source, asMap(source, JsonParser.parse(source, json)));
    List<BoardPlan> boards = new ArrayList<>();
    List<Obj> bs = root.objects("boards");
    for (Obj bo : bs) {
      List<EnginePlan> engines = new ArrayList<>();
      for (Obj eo : bo.objects("engines")) {
        engines.add(engine(eo));
      }
      Map<MemoryKind, Integer> available = new EnumMap<>(MemoryKind.class);
      Obj avail = bo.object("mem_blocks_available");
      for (String kind : avail.keys()) {
        try {
          available.put(MemoryKind.valueOf(kind), avail.integer(kind));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(avail.where + ": unknown memory kind '" + kind + "'", e);
        }
      }
      boards.add(new BoardPlan(bo.integer("index"), bo.string("board"), bo.string("multiplier_unit"),
          bo.integer("multipliers_available"), available, bo.string("logic_unit"), bo.longValue("luts_available"),
          bo.integer("link_endpoints"), engines));
    }
    List<LinkPlan> links = new ArrayList<>();
    for (Obj lo : root.objects("links")) {
      List<Object> shape = lo.list("shape");
      if (shape.size() != 3) {
        throw new IllegalArgumentException(lo.where + ": shape must be [h, w, c]");
      }
      links.add(new LinkPlan(lo.integer("from"), lo.integer("to"), lo.string("tensor"),
          Shape.of(toInt(lo, shape.get(0)), toInt(lo, shape.get(1)), toInt(lo, shape.get(2))), lo.integer("lanes"),
          lo.number("line_rate_gbps"), lo.number("capacity_gbps"), lo.longValue("cycles")));
    }
    Strategy strategy = Strategy.parse(root.string("strategy"));
    return new Plan(root.string("model"), strategy, root.string("boards_spec"), root.number("clock_mhz"),
        root.longValue("macs_per_frame"), boards, links);
  }

  private static EnginePlan engine(Obj eo) {
    EngineKind kind = EngineKind.fromLabel(eo.string("engine"));
    Folding f;
    switch (kind) {
      case CONV:
        f = new Folding.PeSimd(eo.integer("pe"), eo.integer("simd"));
        break;
      case DEPTHWISE:
        f = new Folding.Simd(eo.integer("simd"));
        break;
      case WIRE:
        f = new Folding.Unfolded();
        break;
      default:
        f = new Folding.Lanes(eo.integer("lanes"));
    }
    List<MemoryPlan> mems = new ArrayList<>();
    for (Obj mo : eo.objects("memories")) {
      mems.add(new MemoryPlan(mo.string("name"), mo.integer("width"), mo.integer("depth"),
          MemoryPlacement.parse(mo.string("kind")), mo.number("blocks"), mo.longValue("luts")));
    }
    return new EnginePlan(eo.string("name"), eo.string("op"), kind, f, eo.longValue("cycles"),
        eo.integer("mac_multipliers"), eo.integer("requantizers"), eo.longValue("logic_luts"), mems);
  }

  private static int toInt(Obj where, Object v) {
    if (!(v instanceof BigDecimal d)) {
      throw new IllegalArgumentException(where.where + ": expected a number, got " + v);
    }
    return d.intValueExact();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(String where, Object v) {
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException(where + ": expected a JSON object");
    }
    return (Map<String, Object>) v;
  }

  /** A JSON object with typed getters whose errors say where ("plan.json: boards[1].engines[3]: ..."). */
  private static final class Obj {
    final String where;
    final Map<String, Object> map;

    Obj(String where, Map<String, Object> map) {
      this.where = where;
      this.map = map;
    }

    List<String> keys() {
      return new ArrayList<>(map.keySet());
    }

    Object get(String key) {
      if (!map.containsKey(key)) {
        throw new IllegalArgumentException(where + ": key '" + key + "' is missing");
      }
      return map.get(key);
    }

    String string(String key) {
      Object v = get(key);
      if (!(v instanceof String s)) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
      }
      return s;
    }

    BigDecimal decimal(String key) {
      Object v = get(key);
      if (!(v instanceof BigDecimal d)) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be a number");
      }
      return d;
    }

    double number(String key) {
      return decimal(key).doubleValue();
    }

    long longValue(String key) {
      try {
        return decimal(key).longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be a whole number", e);
      }
    }

    int integer(String key) {
      try {
        return decimal(key).intValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be a whole number", e);
      }
    }

    Obj object(String key) {
      return new Obj(where + "." + key, asMap(where + "." + key, get(key)));
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) {
      Object v = get(key);
      if (!(v instanceof List)) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be an array");
      }
      return (List<Object>) v;
    }

    List<Obj> objects(String key) {
      List<Object> l = list(key);
      List<Obj> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        String w = where + "." + key + "[" + i + "]";
        out.add(new Obj(w, asMap(w, l.get(i))));
      }
      return out;
    }
  }
}
