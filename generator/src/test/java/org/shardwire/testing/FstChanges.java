package org.shardwire.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an FST file holds beyond its header, read by a small C program (test resource
 * fst/fst_changes.c, {@link FstTool}).
 *
 * @param changes value changes after the first dumped time (the initial values left out)
 * @param times distinct times after the first with at least one change
 * @param wide changes of multi-bit signals (data, not just the clock) after the first time
 */
public record FstChanges(long start, long end, long vars, long changes, long times, long wide) {
  public static FstChanges read(Path fst) throws IOException, InterruptedException {
    String[] words = FstTool.run(List.of(FstTool.of("fst_changes").toString(), fst.toString())).strip().split(" ");
    Map<String, Long> v = new HashMap<>();
    for (String w : words) {
      String[] kv = w.split("=");
      v.put(kv[0], Long.parseLong(kv[1]));
    }
    return new FstChanges(v.get("start"), v.get("end"), v.get("vars"), v.get("changes"), v.get("times"), v.get("wide"));
  }
}
