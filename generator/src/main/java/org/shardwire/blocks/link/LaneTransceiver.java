package org.shardwire.blocks.link;

import org.shardwire.hdl.Bool;

/**
 * A vendor transceiver behind a thin wrapper (docs/link.md, "Transceiver wrappers"): the lane
 * interface on the fabric side, in the clock domain it is instantiated in, and serial pins on the
 * other. Synthesis only: simulation joins the endpoints' lanes directly or through a channel model.
 */
public interface LaneTransceiver {
  /** Words to send: drive from an endpoint's {@code lane_out}. */
  Lane fabricTx();

  /** Words received: drive an endpoint's {@code lane_in} from it. */
  Lane fabricRx();

  /** High once the lane is reset, block-locked and passing words. */
  Bool laneUp();

  /** Connects a whole link endpoint: its lane_out to the serial side, the serial side to its lane_in. */
  default void connect(Lane endpointOut, Lane endpointIn) {
    fabricTx().driveFrom(endpointOut);
    endpointIn.driveFrom(fabricRx());
  }

  /** Checks a rate or frequency parameter written as a decimal number ("10.3125"). */
  static String decimal(String what, String value) {
    if (value == null || !value.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(what + " must be a decimal number like 10.3125, got '" + value + "'");
    }
    return value;
  }
}
