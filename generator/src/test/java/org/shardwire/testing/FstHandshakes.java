package org.shardwire.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake states of every stream in an FST (test resource fst/fst_handshakes.c, {@link
 * FstTool}; docs/waveforms.md, "Where a board loses cycles"): per valid/ready pair, the cycles
 * it transferred, stalled (valid, not ready), starved (ready, not valid) and idled.
 */
public record FstHandshakes(long transfer, long stall, long starve, long idle) {
  /** Every pair of {@code fst} by its scope and prefix, e.g. {@code TOP.cluster_top.b0.relu.s_axis_t}. */
  public static Map<String, FstHandshakes> read(Path fst) throws IOException, InterruptedException {
    Map<String, FstHandshakes> out = new LinkedHashMap<>();
    String text = FstTool.run(List.of(FstTool.of("fst_handshakes").toString(), fst.toString()));
    for (String line : text.strip().split("\n")) {
      String[] words = line.split(" ");
      Map<String, Long> v = new LinkedHashMap<>();
      for (int i = 1; i < words.length; i++) {
        String[] kv = words[i].split("=");
        v.put(kv[0], Long.parseLong(kv[1]));
      }
      out.put(words[0], new FstHandshakes(v.get("transfer"), v.get("stall"), v.get("starve"), v.get("idle")));
    }
    return out;
  }

  /** Cycles sampled: every state counted. */
  public long cycles() {
    return transfer + stall + starve + idle;
  }
}
