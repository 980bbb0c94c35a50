package org.shardwire.hdl;

import java.lang.reflect.Method;
import java.util.Map;
import spinal.core.SpinalConfig;

/**
 * Builds a {@link SpinalConfig} by field name. Its Scala constructor has 59 parameters with
 * defaults that javac cannot see; this copies the default config, replacing named fields, so
 * a new SpinalHDL field does not break us.
 */
final class SpinalSettings {
  private SpinalSettings() {}

  static SpinalConfig with(Map<String, Object> overrides) {
    SpinalConfig base = defaults();
    Method copy = findCopy();
    Object[] args = new Object[base.productArity()];
    for (int i = 0; i < args.length; i++) {
      String name = base.productElementName(i);
      args[i] = overrides.containsKey(name) ? overrides.get(name) : base.productElement(i);
    }
    for (String name : overrides.keySet()) {
      if (!hasField(base, name)) {
        throw new IllegalStateException("SpinalConfig has no field '" + name + "' in this SpinalHDL version");
      }
    }
    try {
      return (SpinalConfig) copy.invoke(base, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build SpinalConfig", e);
    }
  }

  private static SpinalConfig defaults() {
    try {
      Method apply = null;
      for (Method m : spinal.core.SpinalConfig$.class.getMethods()) {
        if (m.getName().equals("apply") && m.getParameterCount() > 40) {
          apply = m;
        }
      }
      Object[] args = new Object[apply.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = spinal.core.SpinalConfig$.class.getMethod("apply$default$" + (i + 1))
            .invoke(spinal.core.SpinalConfig$.MODULE$);
      }
      return (SpinalConfig) apply.invoke(spinal.core.SpinalConfig$.MODULE$, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build the default SpinalConfig", e);
    }
  }

  private static Method findCopy() {
    for (Method m : SpinalConfig.class.getMethods()) {
      if (m.getName().equals("copy")) {
        return m;
      }
    }
    throw new IllegalStateException("SpinalConfig.copy not found");
  }

  private static boolean hasField(SpinalConfig c, String name) {
    for (int i = 0; i < c.productArity(); i++) {
      if (c.productElementName(i).equals(name)) {
        return true;
      }
    }
    return false;
  }
}
