package org.shardwire.plan;

/**
 * Why a board's folding stopped where it did, so the plan can say what bounds each board's II
 * (docs/planner.md, "What bounds a board"):
 * <ul>
 *   <li>{@link Reason#PIPELINE}: its slowest engine is already as fast as the II another stage of
 *       the pipeline sets (or the exchange with another board), so folding further would spend
 *       resources for nothing;</li>
 *   <li>{@link Reason#UNFOLDED}: its slowest engine has no faster folding at all;</li>
 *   <li>{@link Reason#RESOURCE}: the cheapest faster folding of its slowest engine does not fit
 *       the board; {@code resource} names what would run short (the multiplier unit, a memory
 *       block kind, or the logic unit).</li>
 * </ul>
 *
 * @param engine index of the board's slowest engine in the board's engine list when the climb stopped
 */
public record FoldLimit(Reason reason, int engine, String resource) {
  public enum Reason {
    PIPELINE("pipeline"), UNFOLDED("fully parallel"), RESOURCE("resource");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The reason written as {@code label} (plan.json). */
    public static Reason parse(String label) {
      for (Reason r : values()) {
        if (r.label.equals(label)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown limit '" + label + "' (pipeline, fully parallel, resource)");
    }
  }

  public FoldLimit {
    if (reason == null || (reason == Reason.RESOURCE) != (resource != null)) {
      throw new IllegalArgumentException("a fold limit names a resource exactly when a resource is the reason");
    }
  }

  /** The stage sets the II elsewhere. */
  static FoldLimit pipeline(int engine) {
    return new FoldLimit(Reason.PIPELINE, engine, null);
  }

  /** "RAMB36 (layer1.0.conv1.relu)", "fully parallel (conv1.relu)", "pipeline": for the plan table. */
  public String describe(BoardPlan board) {
    String node = board.engines().get(engine).node();
    return switch (reason) {
      case PIPELINE -> "pipeline";
      case UNFOLDED -> "fully parallel (" + node + ")";
      case RESOURCE -> resource + " (" + node + ")";
    };
  }
}
