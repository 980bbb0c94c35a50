package org.shardwire.hdl;

import spinal.idslplugin.Location;

/**
 * Supplies the source location SpinalHDL's Scala plugin would pass implicitly: the first stack
 * frame outside this package, SpinalHDL and Scala, so that elaboration errors name the user's
 * Java file and line.
 */
final class SourceLocation {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private SourceLocation() {}

  static Location here() {
    return WALKER.walk(frames -> frames
        .filter(f -> !isInternal(f.getClassName()))
        .findFirst()
        .map(f -> new Location(fileOf(f), f.getLineNumber(), 0))
        .orElse(new Location("unknown.java", 0, 0)));
  }

  /** "MacArray.java:42" for messages; the same frame rule as {@link #here()}. */
  static String describeHere() {
    Location l = here();
    return l.file() + ":" + l.line();
  }

  /**
   * A trace holding only the user's frames: SpinalHDL reports where a signal was declared by
   * the first frame of its creation trace, which would otherwise be inside this facade.
   */
  static Throwable userTrace() {
    Throwable t = new Throwable("declared here");
    t.setStackTrace(java.util.Arrays.stream(t.getStackTrace())
        .filter(f -> !isInternal(f.getClassName()))
        .toArray(StackTraceElement[]::new));
    return t;
  }

  private static String fileOf(StackWalker.StackFrame f) {
    String file = f.getFileName();
    return file != null ? file : f.getClassName().replaceAll(".*\\.", "") + ".java";
  }

  private static boolean isInternal(String className) {
    return className.startsWith("org.shardwire.hdl.")
        || className.startsWith("spinal.")
        || className.startsWith("scala.")
        || className.startsWith("java.")
        || className.startsWith("jdk.");
  }
}
