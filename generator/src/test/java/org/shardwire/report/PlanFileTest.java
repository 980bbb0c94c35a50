package org.shardwire.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardwire.boards.BoardCatalog;
import org.shardwire.boards.BoardList;
import org.shardwire.golden.Quantization;
import org.shardwire.model.zoo.ModelZoo;
import org.shardwire.plan.Folding;
import org.shardwire.plan.Plan;
import org.shardwire.plan.PlanOptions;
import org.shardwire.plan.Planner;
import org.shardwire.quant.QuantizedGraph;

/** plan.json: the contract's keys, same bytes for the same plan, it reads back to the same plan, errors name the key. */
class PlanFileTest {

  private static Plan plan(String boards) {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("shufflenet-tiny"), ModelZoo.DEFAULT_SEED);
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    return Planner.plan(q, list, PlanOptions.defaults(list));
  }

  private static List<String> keys(JsonNode n) {
    List<String> k = new ArrayList<>();
    n.fieldNames().forEachRemaining(k::add);
    return k;
  }

  @Test
  void hasTheContractKeys() throws Exception {
    String json = PlanFile.write(plan("zcu102:1,f10a-a10gx1150:1"));
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals(List.of("schema_version", "model", "strategy", "boards_spec", "clock_mhz", "boards", "links",
        "stages", "lane_latency_cycles", "est_cycles_per_frame", "macs_per_frame", "multipliers", "est_fps",
        "est_multiplier_efficiency", "est_mac_slot_efficiency", "mac_bound", "fold_bound"), keys(root));
    assertEquals(List.of("cycles", "where"), keys(root.get("mac_bound")));
    assertTrue(root.get("mac_bound").get("cycles").asLong() <= root.get("est_cycles_per_frame").asLong());
    assertEquals(List.of("cycles", "where"), keys(root.get("fold_bound")));
    assertTrue(root.get("mac_bound").get("cycles").asLong() <= root.get("fold_bound").get("cycles").asLong());
    assertTrue(root.get("fold_bound").get("cycles").asLong() <= root.get("est_cycles_per_frame").asLong());
    assertEquals(PlanFile.SCHEMA_VERSION, root.get("schema_version").asInt());
    JsonNode b0 = root.get("boards").get(0);
    for (String key : List.of("board", "layers", "est_cycles_per_frame", "multipliers", "mem_blocks", "luts_est",
        "engines", "limit")) {
      assertTrue(b0.has(key), key);
    }
    assertEquals(2713, root.get("boards").get(1).get("mem_blocks_available").get("M20K").asInt());
    JsonNode link = root.get("links").get(0);
    for (String key : List.of("from", "to", "bytes_per_frame", "lane_gbps", "utilisation")) {
      assertTrue(link.has(key), key);
    }
    assertTrue(json.contains("\"strategy\": \"pipeline\""));
    assertTrue(json.contains("\"clock_mhz\": 200.000,"), json);
    JsonNode e0 = b0.get("engines").get(0);
    assertEquals("conv1.relu", e0.get("name").asText());
    // the stem reads RGB pixels several at a time: mmv is written only when above 1
    assertEquals(List.of("pe", "simd", "mmv"), keys(e0.get("folding")));
    assertTrue(e0.get("folding").get("mmv").asInt() > 1);
  }

  /** Two MACs per DSP48E2: "macs_per_dsp": 2 in the folding, read back as the packed folding; 3 is refused. */
  @Test
  void packedFoldingsReadBackAndABadCountIsNamed() {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("shufflenet-tiny"), ModelZoo.DEFAULT_SEED);
    BoardList list = BoardList.parse("zcu102:2", BoardCatalog.builtIn());
    Plan p = Planner.plan(q, list, PlanOptions.defaults(list).withDspPacking(true));
    String json = PlanFile.write(p);
    assertTrue(json.contains("\"macs_per_dsp\": 2"), "the plan packs nothing");
    assertEquals(json, PlanFile.write(PlanFile.read("plan.json", json)));
    Exception e = assertThrows(RuntimeException.class,
        () -> PlanFile.read("plan.json", json.replaceFirst("\"macs_per_dsp\": 2", "\"macs_per_dsp\": 3")));
    assertTrue(e.getMessage().contains(".folding: macs_per_dsp: must be 1 or 2, got 3"), e.getMessage());
  }

  /**
   * A depthwise SIMD that is no stream width (3 of shufflenet-tiny's 12 bottleneck channels) is
   * written and read back as it is; one above the lane MAC array's 16 is refused, naming the field.
   */
  @Test
  void depthwiseSimdOfAnyDivisorReadsBack() {
    String json = PlanFile.write(plan("zcu102:2"));
    String dw = "\"engine\": \"DepthwiseConvEngine\",\n          \"folding\": {\n            \"simd\": ";
    assertTrue(json.contains(dw + "3\n"), "no depthwise engine at SIMD 3:\n" + json);
    assertEquals(json, PlanFile.write(PlanFile.read("plan.json", json)));
    Exception e = assertThrows(RuntimeException.class,
        () -> PlanFile.read("plan.json", json.replaceFirst(java.util.regex.Pattern.quote(dw + "3"), dw + "17")));
    assertTrue(e.getMessage().contains(".folding: SIMD must be 1..16, got 17"), e.getMessage());
  }

  @Test
  void sameBytesAcrossRunsAndReadsBack() {
    String a = PlanFile.write(plan("zcu102:3"));
    String b = PlanFile.write(plan("zcu102:3"));
    assertEquals(a, b);
    Plan back = PlanFile.read("plan.json", a);
    assertEquals(a, PlanFile.write(back));
    Plan original = plan("zcu102:3");
    assertEquals(original.boards().get(1).engines().get(0).folding(), back.boards().get(1).engines().get(0).folding());
    assertEquals(original.cyclesPerFrame(), back.cyclesPerFrame());
    assertEquals(original.macBound(), back.macBound());
    assertEquals(original.foldBound(), back.foldBound());
    // a plan whose bounds are not known (null) reads back without them
    assertEquals(null, PlanFile.read("plan.json", a.replaceFirst("\"mac_bound\": \\{[^}]*\\}", "\"mac_bound\": null"))
        .macBound());
    assertEquals(null, PlanFile.read("plan.json", a.replaceFirst("\"fold_bound\": \\{[^}]*\\}", "\"fold_bound\": null"))
        .foldBound());
    assertTrue(back.boards().get(0).engines().stream().anyMatch(e -> e.folding() instanceof Folding.PeSimd));
  }

  @Test
  void badFilesAreNamedWithTheirPlace() {
    String json = PlanFile.write(plan("zcu102:2"));
    JsonFileException e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("out/plan.json", json.replaceFirst("\"pe\": ", "\"pee\": ")));
    assertTrue(e.getMessage().startsWith("out/plan.json: boards[0].engines[0].folding: 'pe' is missing"),
        e.getMessage());
    e = assertThrows(JsonFileException.class, () -> PlanFile.read("p.json", json.substring(0, json.length() - 3)));
    assertTrue(e.getMessage().startsWith("p.json: line "), e.getMessage());
    e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("p.json", json.replaceFirst("\"luts_est\": ", "\"luts_estimate\": 1, \"luts_est\": ")));
    assertTrue(e.getMessage().startsWith("p.json: boards[0].luts_estimate: unknown key; allowed here: board, "),
        e.getMessage());
    e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("p.json", json.replaceFirst("\"luts_est\": ", "\"luts_estimate\": ")));
    assertTrue(e.getMessage().startsWith("p.json: boards[0].luts_est: missing"), e.getMessage());
    e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("p.json", json.replaceFirst("\"cycles\": [0-9]+", "\"cycles\": \"many\"")));
    assertTrue(e.getMessage().startsWith("p.json: boards[0].engines[0].cycles: must be a whole number, got many"),
        e.getMessage());
    e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("p.json", json.replaceFirst("\"board\": \"zcu102\"", "\"board\": null")));
    assertTrue(e.getMessage().startsWith("p.json: boards[0]: 'board' is missing or null"), e.getMessage());
    e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("p.json", json.replaceFirst("\"schema_version\": 2", "\"schema_version\": 9")));
    assertTrue(e.getMessage().contains("schema_version 9 is not supported"), e.getMessage());
    e = assertThrows(JsonFileException.class,
        () -> PlanFile.read("p.json", json.replaceFirst("\"engine\": \"[A-Za-z]+\"", "\"engine\": \"Warp\"")));
    assertTrue(e.getMessage().startsWith("p.json: boards[0].engines[0].engine: "), e.getMessage());
  }
}
