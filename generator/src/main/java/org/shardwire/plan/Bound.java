package org.shardwire.plan;

/**
 * A floor under a plan's cycles per frame and what sets it: the {@link MacBound} (MAC work against
 * multipliers) or the {@link FoldBound} (the foldings on offer against the whole board).
 */
public interface Bound {
  long cycles();

  /** What sets it: a board and its reason, an engine at its fastest folding, or a link. */
  String where();
}
