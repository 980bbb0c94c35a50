package org.shardwire.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

/** plan.json: the contract's keys, same bytes for the same plan, and it reads back to the same plan. */
class PlanJsonTest {

  private static Plan plan(String boards) {
    QuantizedGraph q = Quantization.quantize(ModelZoo.build("shufflenet-tiny"), ModelZoo.DEFAULT_SEED);
    BoardList list = BoardList.parse(boards, BoardCatalog.builtIn());
    return Planner.plan(q, list, PlanOptions.defaults(list));
  }

  @Test
  void hasTheContractKeys() {
    String json = PlanJson.write(plan("zcu102:1,f10a-a10gx1150:1"));
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) JsonParser.parse("plan.json", json);
    assertEquals(List.of("model", "strategy", "boards_spec", "clock_mhz", "boards", "links", "est_cycles_per_frame",
        "macs_per_frame", "multipliers", "est_fps", "est_multiplier_efficiency"), List.copyOf(root.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> b0 = ((List<Map<String, Object>>) root.get("boards")).get(0);
    for (String key : List.of("board", "layers", "est_cycles_per_frame", "multipliers", "mem_blocks", "luts_est",
        "engines")) {
      assertTrue(b0.containsKey(key), key);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> b1 = ((List<Map<String, Object>>) root.get("boards")).get(1);
    assertEquals(Map.of("M20K", new java.math.BigDecimal("2713")), b1.get("mem_blocks_available"));
    @SuppressWarnings("unchecked")
    Map<String, Object> link = ((List<Map<String, Object>>) root.get("links")).get(0);
    for (String key : List.of("from", "to", "bytes_per_frame", "lane_gbps", "utilisation")) {
      assertTrue(link.containsKey(key), key);
    }
    assertTrue(json.contains("\"strategy\": \"pipeline\""));
    assertTrue(json.contains("\"clock_mhz\": 200.000,"));
    assertTrue(json.contains("{\"name\": \"conv1.relu\", \"op\": \"Conv\", \"engine\": \"ConvEngine\", \"pe\": "), json);
  }

  @Test
  void sameBytesAcrossRunsAndReadsBack() {
    String a = PlanJson.write(plan("zcu102:3"));
    String b = PlanJson.write(plan("zcu102:3"));
    assertEquals(a, b);
    Plan back = PlanJson.read("plan.json", a);
    assertEquals(a, PlanJson.write(back));
    Plan original = plan("zcu102:3");
    assertEquals(original.boards().get(1).engines().get(0).folding(), back.boards().get(1).engines().get(0).folding());
    assertEquals(original.cyclesPerFrame(), back.cyclesPerFrame());
    assertTrue(back.boards().get(0).engines().stream().anyMatch(e -> e.folding() instanceof Folding.PeSimd));
  }

  @Test
  void badFilesAreNamedWithTheirPlace() {
    String json = PlanJson.write(plan("zcu102:2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanJson.read("out/plan.json", json.replaceFirst("\"pe\": ", "\"pee\": ")));
    assertTrue(e.getMessage().startsWith("out/plan.json.boards[0].engines[0]: key 'pe' is missing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanJson.read("p.json", json.substring(0, json.length() - 3)));
    assertTrue(e.getMessage().startsWith("p.json: "), e.getMessage());
  }
}
