package org.shardwire.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shardwire.model.Activation;

class RequantTest {
  @Test
  void encodesWithThirtyOneSignificantBits() {
    Requant half = Requant.of(0.5);
    assertEquals(1 << 30, half.multiplier());
    assertEquals(31, half.shift());
    Requant one = Requant.of(1.0);
    assertEquals(1 << 30, one.multiplier());
    assertEquals(30, one.shift());
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      double m = Math.scalb(0.5 + r.nextDouble() * 0.5, r.nextInt(-30, 20));
      Requant q = Requant.of(m);
      assertTrue(q.multiplier() >= 1 << 30, "normalised M for " + m);
      assertTrue(Math.abs(q.real() / m - 1) <= Math.scalb(1.0, -31), "M * 2^-s approximates " + m);
    }
  }

  @Test
  void roundsHalfUpLikeTheWrittenFormula() {
    Requant half = Requant.of(0.5);
    assertEquals(1, half.apply(1));     //  0.5 ->  1
    assertEquals(0, half.apply(-1));    // -0.5 ->  0 (ties go up)
    assertEquals(2, half.apply(3));     //  1.5 ->  2
    assertEquals(-1, half.apply(-3));   // -1.5 -> -1
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 10_000; i++) {
      Requant q = new Requant(r.nextInt(0, Integer.MAX_VALUE), r.nextInt(1, 63));
      long v = r.nextInt();
      // (v*M + 2^(s-1)) >> s as exact big-integer floor division.
      BigInteger num = BigInteger.valueOf(v).multiply(BigInteger.valueOf(q.multiplier()))
          .add(BigInteger.ONE.shiftLeft(q.shift() - 1));
      BigInteger expected = num.shiftRight(q.shift());   // BigInteger shiftRight is floor division
      assertEquals(expected.longValueExact(), q.apply(v));
      long clamped = Math.max(-128, Math.min(127, expected.longValueExact()));
      assertEquals(clamped, q.apply(v, -128, 127));
    }
  }

  @Test
  void tinyAndHugeMultipliers() {
    Requant tiny = Requant.of(1e-25);
    assertEquals(Requant.MAX_SHIFT, tiny.shift());
    assertEquals(0, tiny.apply(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> Requant.of(Math.scalb(1.0, 31)));
    assertThrows(IllegalArgumentException.class, () -> Requant.of(0));
    assertThrows(IllegalArgumentException.class, () -> new Requant(5, 0));
  }

  @Test
  void clampBoundsFollowTheActivation() {
    assertEquals(new Clamp(-128, 127), Clamp.of(Activation.NONE, 0.1));
    assertEquals(new Clamp(0, 127), Clamp.of(Activation.RELU, 0.1));
    assertEquals(new Clamp(0, 60), Clamp.of(Activation.RELU6, 0.1));
    assertEquals(new Clamp(0, 127), Clamp.of(Activation.RELU6, 6.0 / 127));
    assertEquals(new Clamp(-10, 25), Clamp.of(Activation.clip(-1f, 2.5f), 0.1));
  }

  @Test
  void residualAddUsesEightFractionBits() {
    // Sa = Sb = Sy: y = a + b exactly (then clamped).
    QAdd same = new QAdd(Requant.of(256), Requant.of(256), Clamp.FULL);
    assertEquals(30, same.apply(10, 20));
    assertEquals(127, same.apply(100, 100));
    assertEquals(-128, same.apply(-100, -100));
    // Sa = Sy / 2, Sb = Sy: 3 * 0.5 + 1 = 2.5 -> 3 (half up); ReLU clamp.
    QAdd mixed = new QAdd(Requant.of(128), Requant.of(256), new Clamp(0, 127));
    assertEquals(3, mixed.apply(3, 1));
    assertEquals(0, mixed.apply(-9, 1));
  }
}
