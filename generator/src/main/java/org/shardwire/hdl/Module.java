package org.shardwire.hdl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import spinal.core.Component;
import spinal.core.Data;

/**
 * A hardware module written in Java. Subclasses declare ports, signals, registers, memories and
 * children in their constructor:
 *
 * <pre>
 * final class Counter extends Module {
 *   Counter(int width) {
 *     super("counter_w" + width);
 *     UInt count = out("count", Type.uint(width));
 *     UInt value = regInit("value", Type.uint(width), 0);
 *     value.assign(value.plus(1));
 *     count.assign(value);
 *   }
 * }
 * </pre>
 *
 * This class does what SpinalHDL's Scala compiler plugin would: names every declaration after
 * the Java name given, closes each child's scope right after its construction, and passes Java
 * source locations so that SpinalHDL's checks point at Java lines.
 */
public abstract class Module extends Component {

  /** @param moduleName the Verilog module name; carry the parameters in it ({@code conv_k3_pe8_simd4}). */
  protected Module(String moduleName) {
    setDefinitionName(moduleName, false);
  }

  // ---- declarations ----

  protected final <S extends Signal> S in(String name, Type<S> type) {
    return type.wrap(named(spinal.core.in$.MODULE$.apply(type.newRaw()), name));
  }

  protected final <S extends Signal> S out(String name, Type<S> type) {
    return type.wrap(named(spinal.core.out$.MODULE$.apply(type.newRaw()), name));
  }

  /** A combinational signal; must be assigned on every path (SpinalHDL reports latches). */
  protected final <S extends Signal> S wire(String name, Type<S> type) {
    return type.wrap(named(type.newRaw(), name));
  }

  /** A combinational signal that holds {@code value}: names an intermediate expression. */
  protected final <S extends Signal> S wire(String name, S value) {
    value.raw().setName(name, false);
    return value;
  }

  /** A register without reset (datapath registers: cheaper, and DSP/BRAM registers can absorb them). */
  protected final <S extends Signal> S reg(String name, Type<S> type) {
    return type.wrap(named(spinal.core.Reg$.MODULE$.apply(type.hardType(), null, null), name));
  }

  /** A register reset to {@code initial} (for Bool: 0 or 1). */
  protected final <S extends Signal> S regInit(String name, Type<S> type, long initial) {
    S reg = reg(name, type);
    @SuppressWarnings("unchecked")
    spinal.core.DataPrimitives<Data> primitive = (spinal.core.DataPrimitives<Data>) reg.raw();
    primitive.init(reg.constantLike(initial).raw());
    return reg;
  }

  protected final Memory mem(String name, int width, int depth) {
    if (depth < 1) {
      throw new HdlException("memory " + name + " needs depth >= 1, got " + depth + " at " + SourceLocation.describeHere());
    }
    Type<Bits> word = Type.bits(width);
    spinal.core.Mem<Data> raw = spinal.core.Mem$.MODULE$.apply(word.hardType(), depth);
    return new Memory(named(raw, name), width, depth);
  }

  /** Instantiates a child module; call right after {@code new}: {@code child("pe0", new Pe(c))}. */
  protected final <M extends Module> M child(String name, M module) {
    module.postInitCallback();
    return named(module, name);
  }

  /** Instantiates a black box (vendor IP) right after {@code new}. */
  protected final <B extends BlackBoxModule> B blackBox(String name, B box) {
    box.postInitCallback();
    return named(box, name);
  }

  // ---- status counters ----

  private final StatusCounters status = new StatusCounters(this);

  /** This module's {@code stat_*} counters: declare with {@code count}, re-export a child's with {@code forward}. */
  protected final StatusCounters status() {
    return status;
  }

  // ---- a child's ports, by name ----

  /** Names of a child's ports in declaration order. */
  protected static List<String> portNames(spinal.core.Component child) {
    List<String> names = new java.util.ArrayList<>();
    for (spinal.core.BaseType io : scala.jdk.javaapi.CollectionConverters.asJava(child.ioSet())) {
      names.add(io.getName());
    }
    return names;
  }

  /** A child's port as a typed signal; fails naming the child and the ports it has. */
  protected static <S extends Signal> S port(spinal.core.Component child, String name, Type<S> type) {
    for (spinal.core.BaseType io : scala.jdk.javaapi.CollectionConverters.asJava(child.ioSet())) {
      if (io.getName().equals(name)) {
        S s = type.wrap(io);
        if (s.width() != type.width()) {
          throw new HdlException("port " + name + " of " + child.definitionName() + " is " + s.width()
              + " bits wide, expected " + type + " at " + SourceLocation.describeHere());
        }
        return s;
      }
    }
    throw new HdlException(child.definitionName() + " has no port " + name + " (ports: " + portNames(child) + ") at "
        + SourceLocation.describeHere());
  }

  /** A child's stream port {@code prefix} ({@code <prefix>_tvalid}, ...), as declared by its axisIn/axisOut. */
  protected static Axis port(spinal.core.Component child, String prefix, AxisShape shape) {
    return new Axis(shape,
        port(child, prefix + "_tvalid", Type.bool()),
        port(child, prefix + "_tready", Type.bool()),
        port(child, prefix + "_tdata", Type.bits(shape.dataWidth())),
        shape.hasLast() ? port(child, prefix + "_tlast", Type.bool()) : null,
        shape.userWidth() > 0 ? port(child, prefix + "_tuser", Type.bits(shape.userWidth())) : null);
  }

  // ---- streams ----

  /** A stream input: tvalid/tdata/tlast/tuser in, tready out. */
  protected final Axis axisIn(String prefix, AxisShape shape) {
    return new Axis(shape,
        in(prefix + "_tvalid", Type.bool()),
        out(prefix + "_tready", Type.bool()),
        in(prefix + "_tdata", Type.bits(shape.dataWidth())),
        shape.hasLast() ? in(prefix + "_tlast", Type.bool()) : null,
        shape.userWidth() > 0 ? in(prefix + "_tuser", Type.bits(shape.userWidth())) : null);
  }

  /** A stream output: tvalid/tdata/tlast/tuser out, tready in. */
  protected final Axis axisOut(String prefix, AxisShape shape) {
    return new Axis(shape,
        out(prefix + "_tvalid", Type.bool()),
        in(prefix + "_tready", Type.bool()),
        out(prefix + "_tdata", Type.bits(shape.dataWidth())),
        shape.hasLast() ? out(prefix + "_tlast", Type.bool()) : null,
        shape.userWidth() > 0 ? out(prefix + "_tuser", Type.bits(shape.userWidth())) : null);
  }

  /** A stream between children inside this module. */
  protected final Axis axisWire(String prefix, AxisShape shape) {
    return new Axis(shape,
        wire(prefix + "_tvalid", Type.bool()),
        wire(prefix + "_tready", Type.bool()),
        wire(prefix + "_tdata", Type.bits(shape.dataWidth())),
        shape.hasLast() ? wire(prefix + "_tlast", Type.bool()) : null,
        shape.userWidth() > 0 ? wire(prefix + "_tuser", Type.bits(shape.userWidth())) : null);
  }

  // ---- AXI4 ----

  /**
   * An AXI4 read-only master port {@code <prefix>_ar*}/{@code <prefix>_r*} (SpinalHDL lib's
   * Axi4ReadOnly with AMBA signal names).
   */
  protected final Axi4Read axi4ReadMaster(String prefix, Axi4ReadShape shape) {
    Axi4Read port = Axi4Read.create(shape);
    spinal.lib.master$.MODULE$.apply(port.raw());
    named(port.raw(), prefix);
    spinal.lib.bus.amba4.axi.Axi4SpecRenamer$.MODULE$.apply(port.raw());
    return port;
  }

  /** An AXI4 read arbiter's ports: its slave inputs, and its master output. */
  public record Axi4ReadArbiterPorts(List<Axi4Read> inputs, Axi4Read output) {}

  /**
   * SpinalHDL lib's {@code Axi4ReadOnlyArbiter}: {@code inputs} read masters share the one master
   * {@code output} of shape {@code out}, round-robin on AR; each input's ID is the output's
   * without its top log2(inputs) bits, which carry the input index and route R back.
   */
  protected final Axi4ReadArbiterPorts axi4ReadArbiter(String name, Axi4ReadShape out, int inputs) {
    if (inputs < 2) {
      throw new HdlException("an AXI4 read arbiter needs at least 2 inputs, got " + inputs + " at "
          + SourceLocation.describeHere());
    }
    Axi4ReadShape in = new Axi4ReadShape(out.addressWidth(), out.dataWidth(),
        out.idWidth() - (32 - Integer.numberOfLeadingZeros(inputs - 1)));
    spinal.lib.bus.amba4.axi.Axi4ReadOnlyArbiter arb = new spinal.lib.bus.amba4.axi.Axi4ReadOnlyArbiter(
        Axi4Read.config(out), inputs);
    arb.setDefinitionName("axi4_read_arbiter_n" + inputs + "_a" + out.addressWidth() + "_d" + out.dataWidth()
        + "_i" + out.idWidth(), false);
    arb.postInitCallback();
    named(arb, name);
    @SuppressWarnings("unchecked")
    spinal.core.Vec<spinal.lib.bus.amba4.axi.Axi4ReadOnly> ins =
        (spinal.core.Vec<spinal.lib.bus.amba4.axi.Axi4ReadOnly>) arb.io().find("inputs");
    List<Axi4Read> inPorts = new java.util.ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      inPorts.add(Axi4Read.of(in, ins.apply(i)));
    }
    return new Axi4ReadArbiterPorts(inPorts, Axi4Read.of(out,
        (spinal.lib.bus.amba4.axi.Axi4ReadOnly) arb.io().find("output")));
  }

  /** A single-clock stream FIFO (SpinalHDL lib StreamFifo) of {@code depth} beats. */
  protected final Fifo fifo(String name, AxisShape shape, int depth) {
    return fifo(name, shape, depth, null);
  }

  /**
   * A single-clock stream FIFO whose storage carries {@code style} (e.g. the vendor's LUT RAM), so
   * synthesis places it where the plan counted it; {@code null} leaves the choice to the tool.
   */
  protected final Fifo fifo(String name, AxisShape shape, int depth, RamStyle style) {
    if (depth < 1) {
      throw new HdlException("FIFO " + name + " needs depth >= 1, got " + depth + " at " + SourceLocation.describeHere());
    }
    spinal.lib.StreamFifo<Data> fifo = new spinal.lib.StreamFifo<>(Type.bits(shape.payloadWidth()).hardType(), depth,
        spinal.lib.StreamFifo$.MODULE$.$lessinit$greater$default$3(),
        spinal.lib.StreamFifo$.MODULE$.$lessinit$greater$default$4(),
        spinal.lib.StreamFifo$.MODULE$.$lessinit$greater$default$5(),
        spinal.lib.StreamFifo$.MODULE$.$lessinit$greater$default$6(),
        spinal.lib.StreamFifo$.MODULE$.$lessinit$greater$default$7(),
        () -> scala.Option.empty());
    String styleSuffix = "";
    if (style != null) {
      styleSuffix = "_" + style.value().toLowerCase();
      fifo.dslBody().walkStatements(st -> {
        if (st instanceof spinal.core.Mem<?> ram) {
          ram.addAttribute(style.attribute(), style.value());
        }
        return scala.runtime.BoxedUnit.UNIT;
      });
    }
    fifo.setDefinitionName("stream_fifo_w" + shape.payloadWidth() + "_d" + depth + styleSuffix, false);
    fifo.postInitCallback();
    named(fifo, name);
    return joinFifo(name, shape, depth, fifo.io());
  }

  /** A clock-crossing stream FIFO (SpinalHDL lib StreamFifoCC); depth must be a power of two. */
  protected final Fifo cdcFifo(String name, AxisShape shape, int depth, Clock pushClock, Clock popClock) {
    if (depth < 2 || Integer.bitCount(depth) != 1) {
      throw new HdlException("clock-crossing FIFO " + name + " needs a power-of-two depth >= 2, got " + depth + " at "
          + SourceLocation.describeHere());
    }
    spinal.lib.StreamFifoCC<Data> fifo = new spinal.lib.StreamFifoCC<>(Type.bits(shape.payloadWidth()).hardType(),
        depth, pushClock.raw, popClock.raw, spinal.lib.StreamFifoCC$.MODULE$.$lessinit$greater$default$5());
    fifo.setDefinitionName("stream_fifo_cc_w" + shape.payloadWidth() + "_d" + depth, false);
    fifo.postInitCallback();
    named(fifo, name);
    return joinFifo(name, shape, depth, fifo.io());
  }

  @SuppressWarnings("unchecked")
  private Fifo joinFifo(String name, AxisShape shape, int depth, spinal.core.Bundle io) {
    spinal.lib.Stream<spinal.core.Bits> push = (spinal.lib.Stream<spinal.core.Bits>) io.find("push");
    spinal.lib.Stream<spinal.core.Bits> pop = (spinal.lib.Stream<spinal.core.Bits>) io.find("pop");
    Axis pushSide = axisWire(name + "_push", shape);
    Axis popSide = axisWire(name + "_pop", shape);
    new Bool(push.valid()).assign(pushSide.valid());
    new Bits(push.payload()).assign(pushSide.packedPayload());
    pushSide.ready().assign(new Bool(push.ready()));
    popSide.valid().assign(new Bool(pop.valid()));
    popSide.assignPayload(new Bits(pop.payload()));
    new Bool(pop.ready()).assign(popSide.ready());
    // Occupancy outputs are status the caller may ignore. Verilator's -Wall exempts signals
    // named *unused* (its --unused-regexp default), so they land in such wires and keep the
    // parent lint-clean without waivers.
    for (String status : List.of("occupancy", "availability", "pushOccupancy", "popOccupancy")) {
      spinal.core.Data d = io.find(status);
      if (d != null) {
        UInt sink = wire(name + "_unused_" + status, Type.uint(((spinal.core.UInt) d).getWidth()));
        sink.assign(new UInt((spinal.core.UInt) d));
      }
    }
    return new Fifo(pushSide, popSide, depth);
  }

  // ---- clocks ----

  /** A second clock entering this module through ports {@code clkName} and {@code rstName}. */
  protected final Clock clockInput(String clkName, String rstName, Vendor vendor) {
    return Clock.fromPorts(in(clkName, Type.bool()), in(rstName, Type.bool()), vendor);
  }

  /**
   * A second clock without a reset port, e.g. the read side of a clock-crossing FIFO, whose
   * reset SpinalHDL derives from the write side.
   */
  protected final Clock clockInput(String clkName, Vendor vendor) {
    return Clock.fromPorts(in(clkName, Type.bool()), null, vendor);
  }

  /** The clock this module's registers use by default ({@code clk}/{@code rst} at the top). */
  protected static Clock currentClock() {
    return new Clock(spinal.core.ClockDomain$.MODULE$.current());
  }

  /**
   * Runs {@code body} in this module's clock without its reset: for registers that need no reset
   * value (RAM read registers, datapaths), so the module does not take a reset port it never uses.
   */
  protected static void withoutReset(Runnable body) {
    spinal.core.ClockDomain$.MODULE$.current().withoutReset().apply(When.block(body));
  }

  // ---- statements ----

  protected static When when(Bool condition, Runnable body) {
    return When.open(condition, body);
  }

  protected static Switch switchOn(UInt selector) {
    return new Switch(selector);
  }

  // ---- literals, for brevity in module bodies ----

  protected static UInt u(long value, int width) {
    return UInt.of(value, width);
  }

  protected static SInt s(long value, int width) {
    return SInt.of(value, width);
  }

  protected static Bool bool(boolean value) {
    return Bool.of(value);
  }

  // ---- naming ----

  private <T> T named(T value, String name) {
    return valCallback(value, name);
  }

  /**
   * Names still-unnamed signals after the Java fields holding them, as the Scala plugin would,
   * then closes this module's scope.
   */
  @Override
  public Component postInitCallback() {
    for (Class<?> k = getClass(); k != Module.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object v = f.get(this);
          Object raw = v instanceof Signal s ? s.raw() : v;
          if (raw instanceof spinal.core.Nameable n && !n.isNamed()) {
            valCallback(raw, f.getName());
          }
        } catch (IllegalAccessException e) {
          throw new HdlException("cannot read field " + f + " to name it", e);
        }
      }
    }
    return super.postInitCallback();
  }
}
