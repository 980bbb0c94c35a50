package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shardwire.sim.VerilatorBuilder.Optimisation;

/** A short run takes the quick -O0 build, a long one the -O1 model; the bound is the one documented. */
class BuildOptimisationTest {

  @Test
  void shortRunsBuildQuicklyAndLongRunsBuildTheFastModel() {
    assertEquals(Optimisation.QUICK_BUILD, Optimisation.forRun(13_425)); // four boards by channel groups, 3 frames
    assertEquals(Optimisation.QUICK_BUILD, Optimisation.forRun(Optimisation.QUICK_BUILD_MAX_CYCLES));
    assertEquals(Optimisation.FAST_MODEL, Optimisation.forRun(Optimisation.QUICK_BUILD_MAX_CYCLES + 1));
    assertEquals(Optimisation.FAST_MODEL, Optimisation.forRun(4 * 196_000)); // a 224x224 ShuffleNet board, 3 frames
  }

  @Test
  void eachOptimisationIsItsOwnCacheEntry() {
    assertNotEquals(Optimisation.QUICK_BUILD.flags(), Optimisation.FAST_MODEL.flags());
    assertTrue(Optimisation.QUICK_BUILD.flags().contains("OPT_FAST=-O0"), Optimisation.QUICK_BUILD.flags().toString());
    assertTrue(Optimisation.FAST_MODEL.flags().contains("OPT_FAST=-O1"), Optimisation.FAST_MODEL.flags().toString());
  }
}
