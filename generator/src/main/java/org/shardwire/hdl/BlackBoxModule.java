package org.shardwire.hdl;

import spinal.core.Data;

/**
 * A module whose body lives outside the generator, e.g. a vendor transceiver (Xilinx GTH,
 * Intel Arria 10 native PHY) behind a thin wrapper: declare its ports and parameters; the
 * generated Verilog instantiates it by name and the vendor flow supplies the implementation.
 */
public abstract class BlackBoxModule extends spinal.core.BlackBox {

  /** @param verilogName the module name the vendor's IP or wrapper defines */
  protected BlackBoxModule(String verilogName) {
    setDefinitionName(verilogName, false);
  }

  protected final <S extends Signal> S in(String name, Type<S> type) {
    Data raw = spinal.core.in$.MODULE$.apply(type.newRaw());
    return type.wrap(valCallback(raw, name));
  }

  protected final <S extends Signal> S out(String name, Type<S> type) {
    Data raw = spinal.core.out$.MODULE$.apply(type.newRaw());
    return type.wrap(valCallback(raw, name));
  }

  /**
   * Declares clock and reset inputs driven by the clock domain the box is instantiated in, for
   * IP whose fabric side runs in that domain (e.g. a transceiver wrapper's user interface).
   */
  protected final void clockAndResetFromParent(String clkName, String rstName) {
    Bool clk = in(clkName, Type.bool());
    Bool rst = in(rstName, Type.bool());
    mapCurrentClockDomain(clk.raw, rst.raw, mapCurrentClockDomain$default$3(), mapCurrentClockDomain$default$4(),
        mapCurrentClockDomain$default$5());
  }

  /** A Verilog parameter of the instance: an Integer, Boolean or String. */
  protected final void parameter(String name, Object value) {
    if (!(value instanceof Integer || value instanceof Boolean || value instanceof String)) {
      throw new HdlException("black box parameter " + name + " must be an Integer, Boolean or String, got "
          + value.getClass().getSimpleName() + " at " + SourceLocation.describeHere());
    }
    addGeneric(name, value);
  }
}
