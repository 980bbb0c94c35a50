package org.shardwire.blocks.reader;

import org.shardwire.blocks.Widths;
import org.shardwire.hdl.Axi4Read;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.AxisShape;
import org.shardwire.hdl.Bits;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Fifo;
import org.shardwire.hdl.Module;
import org.shardwire.hdl.Switch;
import org.shardwire.hdl.Type;
import org.shardwire.hdl.UInt;

/**
 * The aggregate reader of {@link VectorReaderConfig} as an AXI4 burst-read master. Three parts
 * that run at once:
 * <ul>
 *   <li>the request side takes a command, splits its beats into INCR bursts ({@link AxiBursts}'s
 *       rule) and issues each on AR once the data buffer has room reserved for all of its beats;
 *   <li>R beats go straight into the data buffer ({@code rready} is its room, which the
 *       reservation keeps free);
 *   <li>the output side turns buffered beats into vectors, realigning unaligned commands (their
 *       first beat only primes the realignment register), {@code tlast} on each command's last.
 * </ul>
 * The request side runs ahead to later commands while earlier ones drain; a small queue tells the
 * output side each command's alignment and length.
 */
public final class VectorReader extends Module {
  private final Axis command;
  private final Axis output;
  private final Axi4Read axi;

  public VectorReader(VectorReaderConfig c) {
    this(c, null, null);
  }

  /**
   * With the data buffer in {@code bufferStyle} RAM and the command queue in {@code commandStyle}
   * ({@code null}: the synthesis tool's choice).
   */
  public VectorReader(VectorReaderConfig c, org.shardwire.hdl.RamStyle bufferStyle,
      org.shardwire.hdl.RamStyle commandStyle) {
    super(c.moduleName() + (bufferStyle == null ? "" : "_" + bufferStyle.value().toLowerCase()));
    command = axisIn("s_axis_cmd", c.commandShape());
    output = axisOut("m_axis", c.outputShape());
    axi = axi4ReadMaster("m_axi", c.axiShape());
    Axis out = output;

    int countBits = c.countWidth();
    int beatsBits = countBits + 1;                       // an unaligned command reads one beat more
    int burstBits = Widths.log2(c.maxBurstBeats()) + 1;
    int pageBits = Widths.log2(c.pageBeats());
    int creditBits = Widths.log2(Integer.highestOneBit(c.bufferWords())) + 1;

    // ---- what the output side needs of each command: {count, offset}
    Fifo info = fifo("commands", AxisShape.data(c.commandQueueWidth()), c.commandQueueDepth(), commandStyle);
    Fifo data = fifo("data", AxisShape.data(c.wordBits()), c.bufferWords(), bufferStyle);

    // ---- request side
    Bool busy = regInit("busy", Type.bool(), 0);
    UInt beat = reg("beat", Type.uint(c.wordAddressWidth()));
    UInt left = reg("left", Type.uint(beatsBits));
    UInt credits = regInit("credits", Type.uint(creditBits), c.bufferWords());

    UInt base = command.data().slice(c.elementAddressWidth() - 1, 0).asUInt();
    UInt count = command.data().slice(countBits + c.elementAddressWidth() - 1, c.elementAddressWidth()).asUInt();
    UInt start = wire("start", base.slice(c.offsetBits() - 1, 0));
    Bool unaligned = start.ne(0);
    // A command is taken when the previous one has issued all its bursts; an empty one is dropped.
    command.ready().assign(busy.not().and(info.push().ready()));
    info.push().valid().assign(command.valid().and(busy.not()).and(count.ne(0)));
    info.push().data().assign(count.asBits().concat(start.asBits()));
    when(command.fire().and(count.ne(0)), () -> {
      busy.assign(true);
      beat.assign(base.slice(c.elementAddressWidth() - 1, c.offsetBits()));
      left.assign(count.resize(beatsBits).plus(unaligned.asUInt(beatsBits)));
    });

    // Burst length: the least of the beats left, the longest burst and the beats to the 4 KB boundary.
    UInt toBoundary = wire("to_boundary", u(c.pageBeats(), pageBits + 1).minus(beat.slice(pageBits - 1, 0).resize(pageBits + 1)));
    UInt limit = wire("limit", Type.uint(burstBits));
    limit.assign(c.maxBurstBeats());
    when(toBoundary.lt(u(c.maxBurstBeats(), pageBits + 1)), () -> limit.assign(toBoundary.resize(burstBits)));
    int wide = Math.max(beatsBits, burstBits);
    UInt burstBeats = wire("burst_beats", Type.uint(burstBits));
    burstBeats.assign(limit);
    when(left.resize(wide).lt(limit.resize(wide)), () -> burstBeats.assign(left.resize(burstBits)));
    // Room for the whole burst: arvalid, once high, stays high (credits only grow while it waits).
    Bool room = wire("room", credits.resize(Math.max(creditBits, burstBits)).ge(burstBeats.resize(Math.max(creditBits, burstBits))));

    axi.arValid().assign(busy.and(room));
    axi.arAddr().assign(beat.shiftLeft(Widths.log2(c.beatBytes())).resize(c.addressWidth()));
    // ARLEN = beats - 1, taken modulo 2^(burstBits - 1): the longest burst's top bit wraps to 0 first.
    if (c.maxBurstBeats() == 1) {
      axi.arLen().assign(0);
    } else {
      axi.arLen().assign(burstBeats.resize(burstBits - 1).minus(1).resize(8));
    }
    axi.arSize().assign(c.axiShape().sizeCode());
    axi.arBurst().assign(Bits.of(java.math.BigInteger.ONE, 2));                     // INCR
    axi.arCache().assign(Bits.of(java.math.BigInteger.valueOf(0b0011), 4));         // normal, bufferable
    axi.arProt().assign(Bits.of(java.math.BigInteger.ZERO, 3));
    axi.arId().assign(0);
    when(axi.arFire(), () -> {
      beat.assign(beat.plus(burstBeats.resize(c.wordAddressWidth())));
      left.assign(left.minus(burstBeats.resize(beatsBits)));
      when(left.eq(burstBeats.resize(beatsBits)), () -> busy.assign(false));
    });

    // ---- R side: every beat has its place reserved.
    data.push().valid().assign(axi.rValid());
    data.push().data().assign(axi.rData());
    axi.rReady().assign(data.push().ready());
    UInt ridUnused = wire("rid_unused", Type.uint(1));
    ridUnused.assign(axi.rId());
    status().count("ar_bursts", axi.arFire());
    status().count("r_bursts", axi.rFire().and(axi.rLast()));
    status().count("r_errors", axi.rFire().and(axi.rResp().ne(Bits.zeros(2))));

    // Credits come back as the output side takes beats out of the buffer.
    UInt taken = wire("taken", Type.uint(creditBits));
    taken.assign(0);
    when(axi.arFire(), () -> taken.assign(burstBeats.resize(creditBits)));
    UInt returned = data.pop().fire().asUInt(creditBits);
    credits.assign(credits.minus(taken).plus(returned));

    // ---- output side
    UInt cmdCount = info.pop().data().slice(countBits + c.offsetBits() - 1, c.offsetBits()).asUInt();
    UInt offset = info.pop().data().slice(c.offsetBits() - 1, 0).asUInt();
    Bool havePrevious = regInit("have_previous", Type.bool(), 0);
    UInt emitted = regInit("emitted", Type.uint(countBits), 0);
    // Only elements 1.. of the previous beat can appear in a realigned vector.
    Bits previous = reg("previous", Type.bits(c.wordBits() - c.elementBits()));
    Bool active = info.pop().valid();
    // An unaligned command's first beat fills the realignment register and yields no vector.
    Bool priming = wire("priming", offset.ne(0).and(havePrevious.not()));
    Bool lastVector = wire("last_vector", emitted.eq(cmdCount.minus(1)));
    data.pop().ready().assign(active.and(priming.or(out.ready())));
    out.valid().assign(active.and(data.pop().valid()).and(priming.not()));
    out.last().assign(lastVector);

    // Realign: elements offset .. offset+width-1 of {current beat, previous beat}. The window
    // keeps only the elements some offset can select: previous[1..] and current[..width-2].
    Bits current = data.pop().data();
    int e = c.elementBits();
    Bits window = wire("window", current.slice(c.wordBits() - e - 1, 0).concat(previous));
    Bits vector = wire("vector", Type.bits(c.wordBits()));
    Switch shift = switchOn(offset).is(0, () -> vector.assign(current));
    for (int k = 1; k < c.vectorWidth(); k++) {
      int lo = (k - 1) * e;
      shift.is(k, () -> vector.assign(window.slice(lo + c.wordBits() - 1, lo)));
    }
    shift.end();
    out.data().assign(vector);

    when(data.pop().fire(), () -> {
      previous.assign(current.slice(c.wordBits() - 1, e));
      havePrevious.assign(true);
    });
    info.pop().ready().assign(out.fire().and(lastVector));
    when(out.fire(), () -> {
      emitted.assign(emitted.plus(1));
      when(lastVector, () -> {
        emitted.assign(0);
        havePrevious.assign(false);
      });
    });
  }

  public Axis command() {
    return command;
  }

  public Axis output() {
    return output;
  }

  public Axi4Read axi() {
    return axi;
  }
}
