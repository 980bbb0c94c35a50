package org.shardwire.hdltest;

import java.math.BigInteger;
import java.util.List;
import org.shardwire.hdl.*;
import org.shardwire.hdl.Module;

/** Small modules exercising the DSL; user code lives outside org.shardwire.hdl on purpose. */
final class ExampleModules {
  private ExampleModules() {}

  static final class Counter extends Module {
    final Bool enable;
    final UInt count;

    Counter(int width) {
      super("counter_w" + width);
      enable = in("enable", Type.bool());
      count = out("count", Type.uint(width));
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
      c0.enable.assign(sel.eq(1));
      c1.enable.assign(c0.count.eq(3));
      UInt both = out("both", Type.uint(4));
      both.assign(c0.count.plus(c1.count));
      Memory m = mem("table", 8, 16).style(RamStyle.XILINX_BLOCK)
          .init(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.TEN));
      Bits rd = m.readSync(sel.resize(4), in("rd_en", Type.bool()));
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

  static final class LoopBug extends Module {
    LoopBug() {
      super("loop_bug");
      UInt a = in("a", Type.uint(8));
      UInt y = out("y", Type.uint(8));
      UInt x = wire("x", Type.uint(8));
      UInt z = wire("z", Type.uint(8));
      x.assign(z.plus(a));
      z.assign(x);
      y.assign(z);
    }
  }

  static final class LiteralBug extends Module {
    LiteralBug() {
      super("literal_bug");
      UInt y = out("y", Type.uint(4));
      y.assign(300);
    }
  }

  /** Two clocks joined by a clock-crossing FIFO. */
  static final class TwoClocks extends Module {
    TwoClocks(Vendor vendor) {
      super("two_clocks_" + vendor.name().toLowerCase());
      Clock fast = clockInput("clk_b", vendor);
      Axis in = axisIn("s_axis", AxisShape.data(16));
      Axis outB = axisOut("m_axis", AxisShape.data(16));
      Fifo f = cdcFifo("crossing", in.shape(), 8, currentClock(), fast);
      in.connectTo(f.push());
      f.pop().connectTo(outB);
    }
  }

  /** A vendor transceiver stand-in, instantiated as a black box with parameters. */
  static final class Transceiver extends BlackBoxModule {
    final Bits txData;
    final Bits rxData;

    Transceiver(int lanes) {
      super("gth_lane_wrapper");
      parameter("LANES", lanes);
      parameter("LINE_RATE", "10.3125");
      txData = in("tx_data", Type.bits(64));
      rxData = out("rx_data", Type.bits(64));
    }
  }

  static final class WithBlackBox extends Module {
    WithBlackBox() {
      super("with_black_box");
      Bits tx = in("tx", Type.bits(64));
      Bits rx = out("rx", Type.bits(64));
      Transceiver gt = blackBox("gt0", new Transceiver(4));
      gt.txData.assign(tx);
      rx.assign(gt.rxData);
    }
  }

  static final class IntelRam extends Module {
    IntelRam() {
      super("intel_ram");
      UInt addr = in("addr", Type.uint(9));
      Bits data = out("data", Type.bits(32));
      Bits wdata = in("wdata", Type.bits(32));
      Bool we = in("we", Type.bool());
      Memory m = mem("words", 32, 512).style(RamStyle.INTEL_M20K);
      withoutReset(() -> {
        m.write(addr, wdata, we);
        data.assign(m.readSync(addr, we.not()));
      });
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
