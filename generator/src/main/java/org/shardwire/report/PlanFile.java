package org.shardwire.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardwire.boards.MemoryKind;
import org.shardwire.model.Shape;
import org.shardwire.plan.BoardPlan;
import org.shardwire.plan.EndpointPlan;
import org.shardwire.plan.EngineKind;
import org.shardwire.plan.EnginePlan;
import org.shardwire.plan.FoldLimit;
import org.shardwire.plan.Folding;
import org.shardwire.plan.LinkPlan;
import org.shardwire.plan.MemoryPlacement;
import org.shardwire.plan.Bound;
import org.shardwire.plan.FoldBound;
import org.shardwire.plan.MacBound;
import org.shardwire.plan.MemoryPlan;
import org.shardwire.plan.Plan;
import org.shardwire.plan.Stage;
import org.shardwire.plan.Strategy;

/**
 * plan.json (docs/architecture.md), as Jackson records: written with fixed decimals so the same
 * plan gives the same bytes, and read back into a {@link Plan} (what the emitter and the
 * simulator build from). Totals (cycles, multipliers, memory blocks, LUTs, fps, efficiency, link
 * Gb/s) are written for people and tools; reading derives them again from the engines.
 *
 * <p>Keys: schema_version, model, strategy, boards_spec, clock_mhz, boards[] (index, board,
 * layers[], est_cycles_per_frame, multipliers, multipliers_available, multiplier_unit,
 * mem_blocks{KIND: n}, mem_blocks_available{KIND: n}, luts_est, luts_available, logic_unit,
 * link_endpoints, link_ends[] (lanes, buffer_words: each endpoint's stream width and replay buffer /
 * receive FIFO; absent in older files, which had full-size endpoints only), limit{reason, engine, resource} (what stopped the folding), ddr_bytes_per_frame (what
 * its streamed weights read) and ddr_bytes_per_cycle_available (its DDR bank's usable rate at the
 * clock; 0 without DDR), engines[] (name, op, engine,
 * folding{pe, simd[, mmv][, macs_per_dsp][, ddr_beat_bits][, ddr_tiles] | simd | lanes}, cycles,
 * mac_multipliers, requantizers, multipliers, logic_luts, memories[] (name, width, depth, kind,
 * blocks, luts), ddr_bytes_per_frame (0 with the weights on chip))), links[] (from, to, tensor, shape[h, w, c], bytes_per_frame, lanes,
 * line_rate_gbps, capacity_gbps, lane_gbps at est_fps, utilisation, cycles), stages[] (boards[],
 * first_layer: the structure, pipeline stages in order, each one board or a channel group),
 * lane_latency_cycles (what the exchange FIFOs were sized for; 0 for a pipeline), est_cycles_per_frame,
 * macs_per_frame, multipliers, est_fps, est_multiplier_efficiency, est_mac_slot_efficiency (MACs per
 * cycle / MAC slots: requantizers left out, packed DSPs twice), mac_bound{cycles, where} (the fewest
 * cycles per frame the structure allows counting MACs against multipliers only, and what sets it;
 * null when not known), fold_bound{cycles, where} (the fewest any choice among the foldings on offer
 * allows, counting their steps, memory and DDR; null when not known).
 */
public record PlanFile(int schemaVersion, String model, String strategy, String boardsSpec, BigDecimal clockMhz,
    List<BoardJson> boards, List<LinkJson> links, List<StageJson> stages, int laneLatencyCycles,
    long estCyclesPerFrame, long macsPerFrame, int multipliers,
    BigDecimal estFps, BigDecimal estMultiplierEfficiency, BigDecimal estMacSlotEfficiency, BoundJson macBound,
    BoundJson foldBound) {
  public PlanFile {
    JsonFiles.required("model", model, "strategy", strategy, "boards_spec", boardsSpec, "clock_mhz", clockMhz,
        "boards", boards, "links", links, "stages", stages);
  }

  /** Bumped when a key changes meaning or goes; readers refuse other versions. */
  public static final int SCHEMA_VERSION = 2;
  public static final String FILE = "plan.json";

  public record BoardJson(int index, String board, List<String> layers, long estCyclesPerFrame, int multipliers,
      int multipliersAvailable, String multiplierUnit, Map<String, BigDecimal> memBlocks,
      Map<String, Integer> memBlocksAvailable, long lutsEst, long lutsAvailable, String logicUnit, int linkEndpoints,
      List<LinkEndJson> linkEnds, List<EngineJson> engines, LimitJson limit, long ddrBytesPerFrame,
      BigDecimal ddrBytesPerCycleAvailable) {
    public BoardJson {
      JsonFiles.required("board", board, "multiplier_unit", multiplierUnit, "mem_blocks_available",
          memBlocksAvailable, "logic_unit", logicUnit, "engines", engines, "ddr_bytes_per_cycle_available",
          ddrBytesPerCycleAvailable);
    }
  }

  /** {@link MacBound} or {@link FoldBound}: cycles per frame and what sets them. */
  public record BoundJson(long cycles, String where) {
    public BoundJson {
      JsonFiles.required("where", where);
    }

    /** The record of {@code b}, null when it is not known. */
    static BoundJson of(Bound b) {
      return b == null ? null : new BoundJson(b.cycles(), b.where());
    }
  }

  /** One link endpoint: the width of its stream (int8 values per beat) and its buffer in payload words. */
  public record LinkEndJson(int lanes, int bufferWords) {}

  /**
   * What stopped the board's folding: {@code reason} pipeline, fully parallel or resource; the
   * engine that was slowest then; the resource that a faster folding would run short of.
   */
  public record LimitJson(String reason, String engine, String resource) {
    public LimitJson {
      JsonFiles.required("reason", reason, "engine", engine);
    }
  }

  /** {@code folding}: {pe, simd} for conv, {simd} for depthwise, {lanes} for the others, {} for a wire. */
  public record EngineJson(String name, String op, String engine, Map<String, Integer> folding, long cycles,
      int macMultipliers, int requantizers, int multipliers, long logicLuts, List<MemoryJson> memories,
      long ddrBytesPerFrame) {
    public EngineJson {
      JsonFiles.required("name", name, "op", op, "engine", engine, "folding", folding, "memories", memories);
    }
  }

  public record MemoryJson(String name, int width, int depth, String kind, BigDecimal blocks, long luts) {
    public MemoryJson {
      JsonFiles.required("name", name, "kind", kind, "blocks", blocks);
    }
  }

  public record LinkJson(int from, int to, String tensor, int[] shape, long bytesPerFrame, int lanes,
      BigDecimal lineRateGbps, BigDecimal capacityGbps, BigDecimal laneGbps, BigDecimal utilisation, long cycles) {
    public LinkJson {
      JsonFiles.required("tensor", tensor, "shape", shape, "line_rate_gbps", lineRateGbps, "capacity_gbps",
          capacityGbps);
    }
  }

  public record StageJson(List<Integer> boards, String firstLayer) {
    public StageJson {
      JsonFiles.required("boards", boards, "first_layer", firstLayer);
    }
  }

  /** plan.json's text for {@code p}. */
  public static String write(Plan p) {
    return JsonFiles.write(of(p));
  }

  /** Reads DIR/plan.json or a plan.json path; errors name the file and the key (exit 2). */
  public static Plan read(Path file) {
    return JsonFiles.read(file, PlanFile.class).toPlan(file.toString());
  }

  /** Reads plan.json text; {@code source} names it in error messages. */
  public static Plan read(String source, String json) {
    return JsonFiles.read(source, json, PlanFile.class).toPlan(source);
  }

  public static PlanFile of(Plan p) {
    double fps = p.estFps();
    List<BoardJson> boards = p.boards().stream().map(PlanFile::board).toList();
    List<LinkJson> links = p.links().stream().map(l -> new LinkJson(l.from(), l.to(), l.tensor(),
        new int[] {l.shape().h(), l.shape().w(), l.shape().c()}, l.bytesPerFrame(), l.lanes(),
        JsonFiles.fixed(l.lineRateGbps(), 4), JsonFiles.fixed(l.capacityGbps(), 4),
        JsonFiles.fixed(l.neededGbps(fps), 4), JsonFiles.fixed(l.utilisation(fps), 4), l.cycles())).toList();
    return new PlanFile(SCHEMA_VERSION, p.model(), p.strategy().label(), p.boardsSpec(), JsonFiles.fixed(p.clockMhz(), 3),
        boards, links, p.stages().stream().map(st -> new StageJson(st.boards(), st.firstLayer())).toList(),
        p.laneLatencyCycles(), p.cyclesPerFrame(), p.macsPerFrame(), p.multipliers(), JsonFiles.fixed(fps, 3),
        JsonFiles.fixed(p.multiplierEfficiency(), 4), JsonFiles.fixed(p.macSlotEfficiency(), 4),
        BoundJson.of(p.macBound()), BoundJson.of(p.foldBound()));
  }

  private static BoardJson board(BoardPlan b) {
    Map<String, BigDecimal> used = new LinkedHashMap<>();
    b.memBlocks().forEach((k, v) -> used.put(k.name(), JsonFiles.fixed(v, 1)));
    Map<String, Integer> available = new LinkedHashMap<>();
    b.memBlocksAvailable().forEach((k, v) -> available.put(k.name(), v));
    return new BoardJson(b.index(), b.board(), b.layers(), b.cyclesPerFrame(), b.multipliers(),
        b.multipliersAvailable(), b.multiplierUnit(), used, available, b.lutsEstimate(), b.logicAvailable(),
        b.logicUnit(), b.linkEndpoints(), b.linkEnds().stream().map(e -> new LinkEndJson(e.lanes(), e.bufferWords()))
            .toList(), b.engines().stream().map(PlanFile::engine).toList(), b.limit() == null ? null
            : new LimitJson(b.limit().reason().label(), b.engines().get(b.limit().engine()).node(), b.limit().resource()),
        b.ddrBytesPerFrame(), JsonFiles.fixed(b.ddrBytesPerCycle(), 4));
  }

  private static EngineJson engine(EnginePlan e) {
    Map<String, Integer> folding = new LinkedHashMap<>();
    if (e.folding() instanceof Folding.PeSimd p) {
      folding.put("pe", p.pe());
      folding.put("simd", p.simd());
      if (p.mmv() > 1) { // written only when used: plans without MMV keep their bytes
        folding.put("mmv", p.mmv());
      }
      if (p.packed()) { // likewise: two int8 MACs per DSP48E2
        folding.put("macs_per_dsp", 2);
      }
      if (p.streamed()) { // likewise: weights streamed from DDR through a port this wide
        folding.put("ddr_beat_bits", p.ddrBeatBits());
      }
      if (p.tiled()) { // likewise: read once per frame into weight tiles (label ddr-tile)
        folding.put("ddr_tiles", 1);
      }
    } else if (e.folding() instanceof Folding.Simd s) {
      folding.put("simd", s.simd());
    } else if (e.folding() instanceof Folding.Lanes l) {
      folding.put("lanes", l.lanes());
    }
    List<MemoryJson> mems = e.memories().stream().map(m -> new MemoryJson(m.name(), m.width(), m.depth(),
        m.placement().name(), JsonFiles.fixed(m.blocks(), 1), m.luts())).toList();
    return new EngineJson(e.node(), e.op(), e.engine().label(), folding, e.cycles(), e.macMultipliers(),
        e.requantizers(), e.multipliers(), e.luts(), mems, e.ddrBytesPerFrame());
  }

  /** The plan these records describe; {@code source} names the file in errors. */
  public Plan toPlan(String source) {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new JsonFileException(source + ": schema_version " + schemaVersion + " is not supported (this Shardwire "
          + "reads " + SCHEMA_VERSION + "): generate it again");
    }
    List<BoardPlan> bs = new ArrayList<>();
    for (int i = 0; i < boards.size(); i++) {
      bs.add(board(source + ": boards[" + i + "]", boards.get(i)));
    }
    List<LinkPlan> ls = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      LinkJson l = links.get(i);
      String where = source + ": links[" + i + "]";
      if (l.shape().length != 3) {
        throw new JsonFileException(where + ".shape: must be [h, w, c], got " + java.util.Arrays.toString(l.shape()));
      }
      ls.add(within(where, () -> new LinkPlan(l.from(), l.to(), l.tensor(),
          Shape.of(l.shape()[0], l.shape()[1], l.shape()[2]), l.lanes(), l.lineRateGbps().doubleValue(),
          l.capacityGbps().doubleValue(), l.cycles())));
    }
    Strategy s = within(source + ": strategy", () -> Strategy.parse(strategy));
    List<Stage> st = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      StageJson j = stages.get(i);
      st.add(within(source + ": stages[" + i + "]", () -> new Stage(j.boards(), j.firstLayer())));
    }
    MacBound bound = macBound == null ? null : within(source + ": mac_bound",
        () -> new MacBound(macBound.cycles(), macBound.where()));
    FoldBound fold = foldBound == null ? null : within(source + ": fold_bound",
        () -> new FoldBound(foldBound.cycles(), foldBound.where()));
    return within(source, () -> new Plan(model, s, boardsSpec, clockMhz.doubleValue(), macsPerFrame, bs, ls, st,
        laneLatencyCycles, bound, fold));
  }

  private static BoardPlan board(String where, BoardJson b) {
    Map<MemoryKind, Integer> available = new EnumMap<>(MemoryKind.class);
    for (Map.Entry<String, Integer> e : b.memBlocksAvailable().entrySet()) {
      if (e.getValue() == null) {
        throw new JsonFileException(where + ".mem_blocks_available." + e.getKey() + ": must be a number");
      }
      available.put(within(where + ".mem_blocks_available", () -> MemoryKind.valueOf(e.getKey())), e.getValue());
    }
    List<EnginePlan> engines = new ArrayList<>();
    for (int i = 0; i < b.engines().size(); i++) {
      engines.add(engine(where + ".engines[" + i + "]", b.engines().get(i)));
    }
    FoldLimit limit = b.limit() == null ? null : within(where + ".limit", () -> new FoldLimit(
        FoldLimit.Reason.parse(b.limit().reason()), engineIndex(engines, b.limit().engine()), b.limit().resource()));
    // link_ends came later: a plan.json without it had full-size endpoints only.
    List<EndpointPlan> ends = new ArrayList<>();
    if (b.linkEnds() == null) {
      ends.addAll(java.util.Collections.nCopies(b.linkEndpoints(), EndpointPlan.full()));
    } else {
      for (int i = 0; i < b.linkEnds().size(); i++) {
        LinkEndJson e = b.linkEnds().get(i);
        ends.add(within(where + ".link_ends[" + i + "]", () -> new EndpointPlan(e.lanes(), e.bufferWords())));
      }
      if (ends.size() != b.linkEndpoints()) {
        throw new JsonFileException(where + ".link_ends: " + ends.size() + " entries, but link_endpoints is "
            + b.linkEndpoints());
      }
    }
    return within(where, () -> new BoardPlan(b.index(), b.board(), b.multiplierUnit(), b.multipliersAvailable(),
        available, b.logicUnit(), b.lutsAvailable(), ends, engines, limit,
        b.ddrBytesPerCycleAvailable().doubleValue()));
  }

  private static int engineIndex(List<EnginePlan> engines, String name) {
    for (int i = 0; i < engines.size(); i++) {
      if (engines.get(i).node().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("engine '" + name + "' is not on this board");
  }

  private static EnginePlan engine(String where, EngineJson e) {
    EngineKind kind = within(where + ".engine", () -> EngineKind.fromLabel(e.engine()));
    Folding f = within(where + ".folding", () -> switch (kind) {
      case CONV -> new Folding.PeSimd(key(e.folding(), "pe"), key(e.folding(), "simd"),
          e.folding().getOrDefault("mmv", 1), packedMacs(e.folding()), e.folding().getOrDefault("ddr_beat_bits", 0),
          ddrTiles(e.folding()));
      case DEPTHWISE -> new Folding.Simd(key(e.folding(), "simd"));
      case WIRE -> new Folding.Unfolded();
      default -> new Folding.Lanes(key(e.folding(), "lanes"));
    });
    List<MemoryPlan> mems = new ArrayList<>();
    for (int i = 0; i < e.memories().size(); i++) {
      MemoryJson m = e.memories().get(i);
      String w = where + ".memories[" + i + "]";
      MemoryPlacement placement = within(w + ".kind", () -> MemoryPlacement.parse(m.kind()));
      mems.add(within(w, () -> new MemoryPlan(m.name(), m.width(), m.depth(), placement, m.blocks().doubleValue(),
          m.luts())));
    }
    return within(where, () -> new EnginePlan(e.name(), e.op(), kind, f, e.cycles(), e.macMultipliers(),
        e.requantizers(), requantizerUnits(e, where), e.logicLuts(), mems, e.ddrBytesPerFrame()));
  }

  /** {@code macs_per_dsp}: absent or 1 (one MAC per multiplier) or 2 (two per DSP48E2). */
  private static boolean packedMacs(Map<String, Integer> folding) {
    int n = folding.getOrDefault("macs_per_dsp", 1);
    if (n != 1 && n != 2) {
      throw new IllegalArgumentException("macs_per_dsp: must be 1 or 2, got " + n);
    }
    return n == 2;
  }

  private static boolean ddrTiles(Map<String, Integer> folding) {
    int n = folding.getOrDefault("ddr_tiles", 0);
    if (n != 0 && n != 1) {
      throw new IllegalArgumentException("ddr_tiles: must be 0 or 1, got " + n);
    }
    return n == 1;
  }

  /**
   * The units of the engine's requantizers: what its {@code multipliers} hold beyond its MACs (the
   * plan wrote both; how many units a requantizer takes depends on the board's vendor).
   */
  private static int requantizerUnits(EngineJson e, String where) {
    int units = e.multipliers() - e.macMultipliers();
    if (units < 0 || (units > 0 && e.requantizers() == 0)) {
      throw new JsonFileException(where + ": multipliers (" + e.multipliers() + ") must be mac_multipliers ("
          + e.macMultipliers() + ") plus the requantizers' units, none without requantizers (" + e.requantizers()
          + ")");
    }
    return units;
  }

  private static int key(Map<String, Integer> folding, String key) {
    Integer v = folding.get(key);
    if (v == null) {
      throw new IllegalArgumentException("'" + key + "' is missing (has " + folding.keySet() + ")");
    }
    return v;
  }

  /** Runs a constructor or parser, naming {@code where} in its error. */
  private static <T> T within(String where, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (JsonFileException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new JsonFileException(where + ": " + e.getMessage(), e);
    }
  }
}
