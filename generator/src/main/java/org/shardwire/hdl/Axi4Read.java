package org.shardwire.hdl;

import spinal.lib.bus.amba4.axi.Axi4Config;
import spinal.lib.bus.amba4.axi.Axi4ReadOnly;

/**
 * An AXI4 read-only master port: SpinalHDL lib's {@code Axi4ReadOnly} bundle with its signals
 * renamed to the AMBA names ({@code <prefix>_arvalid}, {@code _araddr}, ..., {@code _rdata},
 * {@code _rlast}), as vendor memory controllers and interconnects expect them. Carries ID, LEN,
 * SIZE, BURST, CACHE and PROT on AR and ID, RESP, LAST on R; no REGION, LOCK or QOS (their
 * defaults are what a master without them means).
 */
public final class Axi4Read {
  private final Axi4ReadShape shape;
  private final Axi4ReadOnly raw;

  private Axi4Read(Axi4ReadShape shape, Axi4ReadOnly raw) {
    this.shape = shape;
    this.raw = raw;
  }

  /** The bundle of {@code shape}, not yet a port (the module declares it). */
  static Axi4Read create(Axi4ReadShape shape) {
    return new Axi4Read(shape, new Axi4ReadOnly(config(shape)));
  }

  /** An existing bundle (a child's port) seen as an AXI4 read port of {@code shape}. */
  static Axi4Read of(Axi4ReadShape shape, Axi4ReadOnly raw) {
    return new Axi4Read(shape, raw);
  }

  Axi4ReadOnly raw() {
    return raw;
  }

  static Axi4Config config(Axi4ReadShape s) {
    return Axi4Config.apply(s.addressWidth(), s.dataWidth(), s.idWidth(),
        true,   // useId
        false,  // withAxi3
        false,  // useRegion
        true,   // useBurst
        false,  // useLock
        true,   // useCache
        true,   // useSize
        false,  // useQos
        true,   // useLen
        true,   // useLast
        true,   // useResp
        true,   // useProt
        false,  // useStrb (read only)
        false,  // useAllStrb
        false,  // forceAxi4Len
        -1, -1, -1, -1, -1,  // no user fields
        -1, -1, -1, -1);     // issuing capabilities and reordering depth: not declared
  }

  public Axi4ReadShape shape() {
    return shape;
  }

  public Bool arValid() {
    return new Bool(raw.ar().valid());
  }

  public Bool arReady() {
    return new Bool(raw.ar().ready());
  }

  public UInt arAddr() {
    return new UInt(raw.ar().payload().addr());
  }

  public UInt arId() {
    return new UInt(raw.ar().payload().id());
  }

  /** Beats in the burst minus one. */
  public UInt arLen() {
    return new UInt(raw.ar().payload().len());
  }

  public UInt arSize() {
    return new UInt(raw.ar().payload().size());
  }

  public Bits arBurst() {
    return new Bits(raw.ar().payload().burst());
  }

  public Bits arCache() {
    return new Bits(raw.ar().payload().cache());
  }

  public Bits arProt() {
    return new Bits(raw.ar().payload().prot());
  }

  public Bool rValid() {
    return new Bool(raw.r().valid());
  }

  public Bool rReady() {
    return new Bool(raw.r().ready());
  }

  public Bits rData() {
    return new Bits(raw.r().payload().data());
  }

  public UInt rId() {
    return new UInt(raw.r().payload().id());
  }

  public Bits rResp() {
    return new Bits(raw.r().payload().resp());
  }

  public Bool rLast() {
    return new Bool(raw.r().payload().last());
  }

  /** High in a cycle where a read request transfers. */
  public Bool arFire() {
    return arValid().and(arReady());
  }

  /** High in a cycle where a read data beat transfers. */
  public Bool rFire() {
    return rValid().and(rReady());
  }

  /**
   * Drives {@code outer} from this master port, and back: {@code outer} is a master port of the
   * parent (this one a child's), or a slave port of a sibling (an arbiter's input).
   */
  public void connectTo(Axi4Read outer) {
    if (!outer.shape.equals(shape)) {
      throw new HdlException("cannot connect an AXI4 read port " + shape + " to " + outer.shape + " at "
          + SourceLocation.describeHere());
    }
    outer.arValid().assign(arValid());
    outer.arAddr().assign(arAddr());
    outer.arId().assign(arId());
    outer.arLen().assign(arLen());
    outer.arSize().assign(arSize());
    outer.arBurst().assign(arBurst());
    outer.arCache().assign(arCache());
    outer.arProt().assign(arProt());
    arReady().assign(outer.arReady());
    rValid().assign(outer.rValid());
    rData().assign(outer.rData());
    rId().assign(outer.rId());
    rResp().assign(outer.rResp());
    rLast().assign(outer.rLast());
    outer.rReady().assign(rReady());
  }
}
