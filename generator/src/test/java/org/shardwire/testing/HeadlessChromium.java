package org.shardwire.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in Debian's headless Chromium (/usr/bin/chromium; scripts/install-test-deps.sh
 * installs it) as a user would: the DOM after load, every console message, a screenshot. A test
 * that needs it fails when it is missing, it does not skip.
 */
public final class HeadlessChromium {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 180;

  /** What the browser saw: the serialised DOM, the console messages (one per line), a screenshot. */
  public record Page(String dom, List<String> console, Path screenshot) {}

  private HeadlessChromium() {}

  /** Loads {@code html} (a file) twice: once to dump the DOM and console, once for a screenshot. */
  public static Page load(Path html, Path work, int width, int height) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: run scripts/install-test-deps.sh (apt install chromium)");
    }
    Files.createDirectories(work);
    String url = html.toAbsolutePath().toUri().toString();
    Path domFile = work.resolve("dom.html");
    Path log = work.resolve("chromium.log");
    run(work.resolve("profile-dom"), List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url), domFile, log);
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      // Chromium logs every console message (log, warning, error, uncaught exception) as CONSOLE.
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    Path shot = work.resolve("screenshot.png");
    run(work.resolve("profile-shot"), List.of("--window-size=" + width + "," + height, "--hide-scrollbars",
        "--screenshot=" + shot.toAbsolutePath(), url), work.resolve("shot.out"), work.resolve("shot.log"));
    return new Page(Files.readString(domFile), console, shot);
  }

  private static void run(Path profile, List<String> args, Path stdout, Path stderr)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).directory(profile.getParent().toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("chromium exited " + p.exitValue() + ": " + Files.readString(stderr));
    }
  }
}
