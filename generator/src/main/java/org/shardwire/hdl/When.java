package org.shardwire.hdl;

import scala.runtime.BoxedUnit;
import spinal.core.WhenContext;

/** The continuation of a {@code when}: {@code when(a, ..).elseWhen(b, ..).otherwise(..)}. */
public final class When {
  private final WhenContext context;

  When(WhenContext context) {
    this.context = context;
  }

  static When open(Bool condition, Runnable body) {
    return new When(spinal.core.when$.MODULE$.apply(condition.raw, block(body), SourceLocation.here()));
  }

  public When elseWhen(Bool condition, Runnable body) {
    return new When(context.elsewhen(condition.raw, block(body), SourceLocation.here()));
  }

  public void otherwise(Runnable body) {
    context.otherwise(block(body));
  }

  static scala.Function0<BoxedUnit> block(Runnable body) {
    return () -> {
      body.run();
      return BoxedUnit.UNIT;
    };
  }
}
