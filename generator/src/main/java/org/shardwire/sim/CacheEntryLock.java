package org.shardwire.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive use of one Verilator cache entry while it is built: an OS file lock on
 * {@code <entry>.lock} keeps other processes out (the suite's two JVMs, a user's second
 * {@code simulate}), and a lock per path keeps other threads of this JVM out, since a JVM may
 * hold a file lock only once. The lock file stays behind, empty; the entry itself still appears
 * by one atomic move, so a reader that does not lock never sees a half-built one.
 */
final class CacheEntryLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock threads;
  private final FileChannel channel;
  private final FileLock processes;

  private CacheEntryLock(ReentrantLock threads, FileChannel channel, FileLock processes) {
    this.threads = threads;
    this.channel = channel;
    this.processes = processes;
  }

  /** Waits until no other thread or process holds {@code entry}'s lock, then holds it. */
  static CacheEntryLock acquire(Path entry) {
    Path file = entry.resolveSibling(entry.getFileName() + ".lock").toAbsolutePath();
    ReentrantLock threads = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
    threads.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new CacheEntryLock(threads, channel, channel.lock());
    } catch (IOException e) {
      closeQuietly(channel);
      threads.unlock();
      throw new UncheckedIOException("cannot lock the Verilator cache entry " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      processes.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the Verilator cache lock", e);
    } finally {
      threads.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the open failed or the lock did: the caller reports that cause, not this one
      }
    }
  }
}
