package org.shardwire.blocks.link;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.PackedField;
import org.shardwire.hdl.Bits;
import org.shardwire.blocks.engines.MemorySpec;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Memory;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/** What both link endpoints declare: lane ports, status counters, event flags and small muxes. */
public abstract class LinkEndpoint extends Module {
  private final Bool linkReset;
  private final List<Runnable> linkResetActions = new ArrayList<>();

  LinkEndpoint(String moduleName) {
    this(moduleName, true);
  }

  /** {@code withLinkReset} false: a module that only shares the helpers (e.g. a test's lane model), no port. */
  LinkEndpoint(String moduleName, boolean withLinkReset) {
    super(moduleName);
    linkReset = withLinkReset ? in("link_rst", Type.bool()) : null;
  }

  /**
   * The link reset (port {@code link_rst}, synchronous, active high; docs/link.md "Link reset"):
   * it clears the endpoint's link state (framing, timers, credit, the control lane) and keeps the
   * stream state (the words the endpoint holds and the counters that say which), so the link
   * recovers without losing or repeating a word. {@code rst} clears everything.
   */
  public final Bool linkReset() {
    return linkReset;
  }

  /** Registers what the link reset does to one piece of link state (applied last, so it wins). */
  final void onLinkReset(Runnable clear) {
    linkResetActions.add(clear);
  }

  /** Call once at the end of the constructor: the link reset overrides every earlier assignment. */
  final void applyLinkReset() {
    when(linkReset, () -> linkResetActions.forEach(Runnable::run));
    Bool before = regInit("link_rst_before", Type.bool(), 0);
    before.assign(linkReset);
    status().count("link_resets", linkReset.and(before.not()));
  }

  /** A memory exactly as the config counts it (LinkConfig owns the shapes and styles). */
  final Memory mem(MemorySpec spec) {
    return mem(spec.name(), spec.width(), spec.depth()).style(spec.style());
  }

  final Lane laneIn(String prefix) {
    return Lane.declare(this::in, prefix);
  }

  final Lane laneOut(String prefix) {
    return Lane.declare(this::out, prefix);
  }

  /**
   * A status counter of cycles where {@code event} is high, on output port {@code stat_<name>}:
   * a parent forwards it to its own ports for the simulation report.
   */
  final void statCounter(String name, Bool event) {
    status().count(name, event);
  }

  /** A value (not a counter) on output port {@code stat_<name>}, e.g. the measured round trip. */
  final void statValue(String name, UInt value) {
    status().value(name, value);
  }

  /** A flag that is low unless a statement inside some {@code when} raises it this cycle. */
  final Bool event(String name) {
    Bool e = wire(name, Type.bool());
    e.assign(false);
    return e;
  }

  final UInt mux(String name, Bool select, UInt whenTrue, UInt whenFalse) {
    UInt w = wire(name, Type.uint(whenFalse.width()));
    when(select, () -> w.assign(whenTrue)).otherwise(() -> w.assign(whenFalse));
    return w;
  }

  final Bits mux(String name, Bool select, Bits whenTrue, Bits whenFalse) {
    Bits w = wire(name, Type.bits(whenFalse.width()));
    when(select, () -> w.assign(whenTrue)).otherwise(() -> w.assign(whenFalse));
    return w;
  }

  /**
   * True when the wrapping difference {@code a - b} of two counters is negative, i.e. {@code a}
   * is behind {@code b}. (A comparison uses every bit, which keeps -Wall quiet, unlike taking
   * the sign bit of an intermediate.)
   */
  static Bool behind(UInt a, UInt b) {
    return a.minus(b).ge(UInt.of(1L << (a.width() - 1), a.width()));
  }

  /** A 64-bit control word of the given block type with zero fields. */
  static Bits controlWord(int type) {
    return Bits.of(LinkFrame.TYPE.place(type), LinkFrame.WORD_BITS);
  }

  /** The type byte of a lane word. */
  static Bits typeOf(Bits word) {
    return LinkFrame.TYPE.of(word);
  }

  static Bits typeCode(int type) {
    return Bits.of(BigInteger.valueOf(type), LinkFrame.TYPE.width());
  }

  /**
   * A header word ({@link LinkFrame}'s layout): the block type, the flag and the three 16-bit
   * fields, most significant first ({@code SEQ, BEATS, OFFSET} or {@code ACK, NAK_SEQ, CREDIT}).
   */
  static Bits header(int type, Bool flag, Bits high, Bits middle, Bits low) {
    for (Bits f : List.of(high, middle, low)) {
      if (f.width() != LinkFrame.FIELD_BITS) {
        throw new IllegalArgumentException("a header field is " + LinkFrame.FIELD_BITS + " bits, got " + f.width());
      }
    }
    return Bits.concat(List.of(typeCode(type), Bits.zeros(LinkFrame.RESERVED.width()), flag, high, middle, low));
  }

  /** True when the reserved bits of a header word are zero. */
  static Bool headerReservedZero(Bits word) {
    return zero(LinkFrame.RESERVED.of(word));
  }

  private static Bool zero(Bits field) {
    return field.eq(Bits.zeros(field.width()));
  }

  static UInt field(Bits word, PackedField f) {
    return f.of(word).asUInt();
  }

  static Bits crcInitial() {
    return Bits.of(BigInteger.valueOf(Crc32Words.INITIAL & 0xFFFF_FFFFL), LinkFrame.CRC_BITS);
  }

  /** The trailer word for a CRC register value (the trailer carries its complement). */
  static Bits trailerWord(Bits crcRegister) {
    Bits high = Bits.of(LinkFrame.TYPE.place(LinkFrame.TYPE_END).shiftRight(LinkFrame.CRC.end()),
        LinkFrame.WORD_BITS - LinkFrame.CRC.end());
    return high.concat(crcRegister.asUInt().not().asBits());
  }

  /** Trailer check: an end word whose reserved bits are zero and whose CRC matches the register. */
  static Bool trailerMatches(Bool control, Bits word, Bits crcRegister) {
    return control.and(typeOf(word).eq(typeCode(LinkFrame.TYPE_END)))
        .and(zero(LinkFrame.TRAILER_RESERVED.of(word)))
        .and(LinkFrame.CRC.of(word).eq(crcRegister.asUInt().not().asBits()));
  }
}
