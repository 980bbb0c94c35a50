package org.shardwire.templates;

import java.io.StringWriter;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders the Velocity templates shipped under {@code templates/} (classpath). Strict mode: a
 * reference the view does not have is an error, never an empty string in generated code. Each
 * template receives one view object as {@code $view}.
 */
public final class TemplateRenderer {
  private final VelocityEngine engine;

  public TemplateRenderer() {
    Properties p = new Properties();
    p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
    p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
    p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
    p.setProperty(RuntimeConstants.STRICT_MATH, "true");
    p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
    engine = new VelocityEngine(p);
    engine.init();
  }

  /** @param template path below {@code templates/}, e.g. {@code verilator/stream_driver.cpp.vm} */
  public String render(String template, Object view) {
    Template t = engine.getTemplate("templates/" + template, "UTF-8");
    VelocityContext ctx = new VelocityContext();
    ctx.put("view", view);
    StringWriter out = new StringWriter();
    t.merge(ctx, out);
    return out.toString();
  }
}
