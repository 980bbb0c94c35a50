package org.shardwire.hdl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's status counters: 32-bit counts of the cycles an event was high, each on an output
 * port {@code stat_<name>}. They are recorded in declaration order, so a parent forwards a
 * child's counters and a testbench reports a top's counters from this list, never by scanning
 * port names.
 */
public final class StatusCounters {
  public static final int BITS = 32;
  public static final String PORT_PREFIX = "stat_";

  private final Module owner;
  private final Map<String, UInt> ports = new LinkedHashMap<>();

  StatusCounters(Module owner) {
    this.owner = owner;
  }

  /** Counts the cycles where {@code event} is high, in register {@code <name>_count}, on port {@code stat_<name>}. */
  public UInt count(String name, Bool event) {
    UInt port = owner.out(PORT_PREFIX + name, Type.uint(BITS));
    UInt count = owner.regInit(name + "_count", Type.uint(BITS), 0);
    Module.when(event, () -> count.assign(count.plus(1)));
    port.assign(count);
    ports.put(name, port);
    return port;
  }

  /** A status value that is not a count (e.g. a measured round trip), zero-extended, on port {@code stat_<name>}. */
  public UInt value(String name, UInt value) {
    UInt port = owner.out(PORT_PREFIX + name, Type.uint(BITS));
    port.assign(value.resize(BITS));
    ports.put(name, port);
    return port;
  }

  /** Re-exports every counter of {@code child} as this module's {@code stat_<prefix><name>}. */
  public void forward(Module child, String prefix) {
    for (Map.Entry<String, UInt> e : child.status().ports.entrySet()) {
      String name = prefix + e.getKey();
      UInt port = owner.out(PORT_PREFIX + name, Type.uint(BITS));
      port.assign(e.getValue());
      ports.put(name, port);
    }
  }

  /** The counters by name (without the {@code stat_} prefix), in declaration order. */
  public Map<String, UInt> byName() {
    return Collections.unmodifiableMap(ports);
  }

  /** The counters' port names ({@code stat_<name>}), in declaration order. */
  public List<String> portNames() {
    return ports.keySet().stream().map(n -> PORT_PREFIX + n).toList();
  }
}
