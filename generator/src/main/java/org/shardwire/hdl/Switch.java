package org.shardwire.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * A Verilog {@code case}: {@code switchOn(sel).is(0, ..).is(1, ..).otherwise(..)}; the statement
 * is emitted by {@link #otherwise} or {@link #end}.
 */
public final class Switch {
  private final UInt selector;
  private final List<Case> cases = new ArrayList<>();
  private boolean closed;

  Switch(UInt selector) {
    this.selector = selector;
  }

  public Switch is(long value, Runnable body) {
    cases.add(new Case(UInt.of(value, selector.width()), body));
    return this;
  }

  public void otherwise(Runnable body) {
    emit(body);
  }

  /** Closes a switch without a default branch. */
  public void end() {
    emit(null);
  }

  private record Case(UInt value, Runnable body) {}

  private void emit(Runnable defaultBody) {
    if (closed) {
      throw new HdlException("switch closed twice at " + SourceLocation.describeHere());
    }
    closed = true;
    spinal.core.switch$.MODULE$.apply(selector.raw, false, false, When.block(() -> {
      for (Case c : cases) {
        spinal.core.is$.MODULE$.apply(c.value().raw,
            scala.jdk.javaapi.CollectionConverters.asScala(List.<Object>of()).toList(),
            When.block(c.body()));
      }
      if (defaultBody != null) {
        spinal.core.default$.MODULE$.apply(When.block(defaultBody));
      }
    }), SourceLocation.here());
  }
}
