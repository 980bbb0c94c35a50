package org.shardwire.hdl;

/** A stream FIFO (SpinalHDL lib's StreamFifo or StreamFifoCC): write into {@link #push()}, read from {@link #pop()}. */
public record Fifo(Axis push, Axis pop, int depth) {}
