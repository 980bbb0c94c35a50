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

  /** A Verilog parameter of the instance: an Integer, Boolean or String. */
  protected final void parameter(String name, Object value) {
    if (!(value instanceof Integer || value instanceof Boolean || value instanceof String)) {
      throw new HdlException("black box parameter " + name + " must be an Integer, Boolean or String, got "
          + value.getClass().getSimpleName() + " at " + SourceLocation.describeHere());
    }
    addGeneric(name, value);
  }
}
