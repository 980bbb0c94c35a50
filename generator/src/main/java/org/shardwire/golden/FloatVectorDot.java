package org.shardwire.golden;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The float counterpart of {@link VectorDot}: 4 pixels x 2 vectors of channels, fused multiply-add. */
final class FloatVectorDot {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  static final int BLOCK = 2 * LANES;

  private FloatVectorDot() {}

  static void block4(float[] x, int x0, int x1, int x2, int x3, float[] w, int wo, int k, float[] acc) {
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = FloatVector.zero(SPECIES);
    FloatVector a10 = FloatVector.zero(SPECIES);
    FloatVector a11 = FloatVector.zero(SPECIES);
    FloatVector a20 = FloatVector.zero(SPECIES);
    FloatVector a21 = FloatVector.zero(SPECIES);
    FloatVector a30 = FloatVector.zero(SPECIES);
    FloatVector a31 = FloatVector.zero(SPECIES);
    for (int i = 0; i < k; i++) {
      int wi = wo + i * BLOCK;
      FloatVector w0 = FloatVector.fromArray(SPECIES, w, wi);
      FloatVector w1 = FloatVector.fromArray(SPECIES, w, wi + LANES);
      FloatVector v0 = FloatVector.broadcast(SPECIES, x[x0 + i]);
      FloatVector v1 = FloatVector.broadcast(SPECIES, x[x1 + i]);
      FloatVector v2 = FloatVector.broadcast(SPECIES, x[x2 + i]);
      FloatVector v3 = FloatVector.broadcast(SPECIES, x[x3 + i]);
      a00 = w0.fma(v0, a00);
      a01 = w1.fma(v0, a01);
      a10 = w0.fma(v1, a10);
      a11 = w1.fma(v1, a11);
      a20 = w0.fma(v2, a20);
      a21 = w1.fma(v2, a21);
      a30 = w0.fma(v3, a30);
      a31 = w1.fma(v3, a31);
    }
    a00.intoArray(acc, 0);
    a01.intoArray(acc, LANES);
    a10.intoArray(acc, BLOCK);
    a11.intoArray(acc, BLOCK + LANES);
    a20.intoArray(acc, 2 * BLOCK);
    a21.intoArray(acc, 2 * BLOCK + LANES);
    a30.intoArray(acc, 3 * BLOCK);
    a31.intoArray(acc, 3 * BLOCK + LANES);
  }

  static void block1(float[] x, int x0, float[] w, int wo, int k, float[] acc) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = FloatVector.zero(SPECIES);
    for (int i = 0; i < k; i++) {
      int wi = wo + i * BLOCK;
      FloatVector v = FloatVector.broadcast(SPECIES, x[x0 + i]);
      a0 = FloatVector.fromArray(SPECIES, w, wi).fma(v, a0);
      a1 = FloatVector.fromArray(SPECIES, w, wi + LANES).fma(v, a1);
    }
    a0.intoArray(acc, 0);
    a1.intoArray(acc, LANES);
  }
}
