package org.shardwire.hdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an elaborated design contains, read from SpinalHDL's netlist after elaboration (not from
 * any config): every memory (its instance path, shape and RAM-style attribute) and every
 * multiplication of two signals (its operand widths). Multiplications by a constant are left out:
 * synthesis turns them into shifts and adds, not multipliers. This is what a test compares a
 * plan's counts with.
 */
public record HardwareCensus(List<MemoryInstance> memories, List<Multiplier> multipliers) {
  public HardwareCensus {
    memories = List.copyOf(memories);
    multipliers = List.copyOf(multipliers);
  }

  /**
   * A memory: {@code path} is the instance path below the top ({@code window/line_buffer});
   * {@code style} as its attribute says (a ROM's {@link RamStyle#romValue} counts as its style).
   */
  public record MemoryInstance(String path, int width, int depth, Optional<RamStyle> style) {
    public long bits() {
      return (long) width * depth;
    }
  }

  /** A product of operands of the given widths. */
  public record Multiplier(String path, int widthA, int widthB, boolean constantOperand) {}

  /** SpinalHDL's product node (UInt and SInt), a Scala class Java cannot name. */
  private static final Class<?> MUL = mulClass();

  private static Class<?> mulClass() {
    try {
      return Class.forName("spinal.core.internals.Operator$BitVector$Mul");
    } catch (ClassNotFoundException e) {
      throw new HdlException("SpinalHDL has no Operator.BitVector.Mul: " + e.getMessage(), e);
    }
  }

  static HardwareCensus of(spinal.core.Component top) {
    List<MemoryInstance> memories = new ArrayList<>();
    List<Multiplier> multipliers = new ArrayList<>();
    visit(top, "", memories, multipliers);
    return new HardwareCensus(memories, multipliers);
  }

  private static void visit(spinal.core.Component c, String prefix, List<MemoryInstance> memories,
      List<Multiplier> multipliers) {
    c.dslBody().walkStatements(s -> {
      if (s instanceof spinal.core.Mem<?> m) {
        memories.add(new MemoryInstance(prefix + m.getName(), m.width(), m.wordCount(), styleOf(m)));
      }
      s.walkExpression(e -> {
        if (MUL.isInstance(e) && e instanceof spinal.core.internals.BinaryOperator mul) {
          boolean constant = mul.left() instanceof spinal.core.internals.Literal
              || mul.right() instanceof spinal.core.internals.Literal;
          multipliers.add(new Multiplier(prefix + "*", width(mul.left()), width(mul.right()), constant));
        }
        return scala.runtime.BoxedUnit.UNIT;
      });
      return scala.runtime.BoxedUnit.UNIT;
    });
    for (spinal.core.Component child : scala.jdk.javaapi.CollectionConverters.asJava(c.children())) {
      visit(child, prefix + child.getName() + "/", memories, multipliers);
    }
  }

  private static int width(spinal.core.internals.Expression e) {
    return e instanceof spinal.core.internals.WidthProvider w ? w.getWidth() : 0;
  }

  private static Optional<RamStyle> styleOf(spinal.core.Mem<?> m) {
    for (spinal.core.Attribute a : scala.jdk.javaapi.CollectionConverters.asJava(m.instanceAttributes())) {
      for (RamStyle r : RamStyle.values()) {
        if (a.getName().equals(r.attribute()) && a instanceof spinal.core.AttributeString s
            && (s.value().equals(r.value()) || s.value().equals(r.romValue()))) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }
}
