package org.shardwire.hdltest;

import java.math.BigInteger;
import java.util.List;
import org.shardwire.hdl.*;
import org.shardwire.hdl.Module;

/** Small modules exercising the DSL; user code lives outside org.shardwire.hdl on purpose. */
final class ExampleModules {
  private ExampleModules() {}

  static final class Counter extends Module {
    Counter(int width) {
      super("counter_w" + width);
      Bool enable = in("enable", Type.bool());
      UInt count = out("count", Type.uint(width));
      UInt value = regInit("value", Type.uint(width), 0);
      when(enable, () -> value.assign(value.plus(1)));
      count.assign(value);
    }
  }

  static final class Mixed extends Module {
    Mixed() {
      super("mixed_example");
      UInt sel = in("sel", Type.uint(2));
      SInt a = in("a", Type.sint(8));
      SInt b = in("b", Type.sint(8));
      SInt y = out("y", Type.sint(16));
      Counter c0 = child("counter0", new Counter(4));
      Counter c1 = child("counter1", new Counter(4));
      Memory m = mem("table", 8, 16).style(RamStyle.XILINX_BLOCK)
          .init(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.TEN));
      Bits rd = m.readSync(sel.resize(4), bool(true));
      switchOn(sel)
          .is(0, () -> y.assign(a.times(b)))
          .is(1, () -> y.assign(a.resize(16).plus(b.resize(16))))
          .is(2, () -> y.assign(rd.asSInt().resize(16)))
          .otherwise(() -> y.assign(0));
      Axis in = axisIn("s_axis", AxisShape.data(8).withLast());
      Axis outS = axisOut("m_axis", AxisShape.data(8).withLast());
      Fifo f = fifo("fifo", in.shape(), 4);
      in.connectTo(f.push());
      f.pop().connectTo(outS);
    }
  }

  static final class WidthBug extends Module {
    WidthBug() {
      super("width_bug");
      UInt a = in("a", Type.uint(8));
      UInt y = out("y", Type.uint(4));
      y.assign(a);
    }
  }

  static final class LatchBug extends Module {
    LatchBug() {
      super("latch_bug");
      Bool c = in("c", Type.bool());
      UInt a = in("a", Type.uint(8));
      UInt y = out("y", Type.uint(8));
      when(c, () -> y.assign(a));
    }
  }
}
