package org.shardwire.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.shardwire.testing.TestPaths;

/** A cache entry's lock keeps a second builder waiting until the first has finished. */
@SuppressWarnings("try") // the locks are held for their scope, not read
class CacheEntryLockTest {

  @Test
  void aSecondBuilderWaitsForTheFirst() throws Exception {
    Path entry = TestPaths.freshDir("cache-entry-lock").resolve("top-0123456789abcdef");
    CountDownLatch secondStarted = new CountDownLatch(1);
    AtomicBoolean secondGotIt = new AtomicBoolean();
    Thread second;
    try (CacheEntryLock first = CacheEntryLock.acquire(entry)) {
      second = new Thread(() -> {
        secondStarted.countDown();
        try (CacheEntryLock again = CacheEntryLock.acquire(entry)) {
          secondGotIt.set(true);
        }
      });
      second.start();
      assertTrue(secondStarted.await(10, TimeUnit.SECONDS));
      second.join(300);
      assertFalse(secondGotIt.get(), "the second builder got the entry while the first held it");
    }
    second.join(TimeUnit.SECONDS.toMillis(10));
    assertTrue(secondGotIt.get(), "the second builder got the entry once the first let go");
    assertTrue(Files.isRegularFile(entry.resolveSibling(entry.getFileName() + ".lock")));
    assertFalse(Files.exists(entry), "locking does not create the entry itself");
  }

  /** Closing releases the OS lock too: taking it again in this JVM would otherwise throw. */
  @Test
  void closingReleasesItForTheNextBuild() {
    Path entry = TestPaths.freshDir("cache-entry-lock-again").resolve("top-fedcba9876543210");
    for (int i = 0; i < 3; i++) {
      try (CacheEntryLock lock = CacheEntryLock.acquire(entry)) {
        assertTrue(Files.isRegularFile(entry.resolveSibling(entry.getFileName() + ".lock")));
      }
    }
  }
}
