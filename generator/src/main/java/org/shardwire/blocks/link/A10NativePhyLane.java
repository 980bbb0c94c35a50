package org.shardwire.blocks.link;

import org.shardwire.hdl.BlackBoxModule;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Type;

/**
 * Intel Arria 10 transceiver lane in 64b/66b mode, as a black box named
 * {@code a10_native_phy_lane}. The vendor flow supplies the module: a Native PHY in "Basic
 * (Enhanced PCS)" with the 66:64 gearbox, block synchroniser, scrambler/descrambler, its TX PLL
 * (ATX or fPLL) and reset controller, and an elastic buffer into {@code clk} that inserts and
 * deletes idle blocks.
 *
 * <p>Port mapping (fabric side, clocked by {@code clk}): {@code fabric_tx_data} is
 * tx_parallel_data[63:0]; {@code fabric_tx_ctrl} becomes the sync header on tx_control[1:0]
 * (1 = control block 2'b10, 0 = data block 2'b01); {@code fabric_tx_valid} low sends an idle
 * block. On receive, {@code fabric_rx_*} carry rx_parallel_data/rx_control; {@code fabric_rx_valid}
 * is low in cycles without a block (rx_enh_data_valid low, idle deleted, no block lock) and for
 * blocks with an invalid sync header, which are dropped. Serial side: {@code refclk} (dedicated
 * reference clock pin), {@code tx_serial_data}, {@code rx_serial_data}.
 */
public final class A10NativePhyLane extends BlackBoxModule implements LaneTransceiver {
  public static final String MODULE = "a10_native_phy_lane";

  private final Lane tx;
  private final Lane rx;
  private final Bool up;
  private final Bool refclk;
  private final Bool txSerial;
  private final Bool rxSerial;

  /** @param dataRateGbps e.g. "10.3125"; @param refclkMhz e.g. "644.53125" */
  public A10NativePhyLane(String dataRateGbps, String refclkMhz) {
    super(MODULE);
    parameter("DATA_RATE_GBPS", LaneTransceiver.decimal("Arria 10 data rate (Gb/s)", dataRateGbps));
    parameter("REFCLK_MHZ", LaneTransceiver.decimal("Arria 10 reference clock (MHz)", refclkMhz));
    clockAndResetFromParent("clk", "rst");
    tx = new Lane(in("fabric_tx_valid", Type.bool()), in("fabric_tx_ctrl", Type.bool()),
        in("fabric_tx_data", Type.bits(LinkFrame.WORD_BITS)));
    rx = new Lane(out("fabric_rx_valid", Type.bool()), out("fabric_rx_ctrl", Type.bool()),
        out("fabric_rx_data", Type.bits(LinkFrame.WORD_BITS)));
    up = out("lane_up", Type.bool());
    refclk = in("refclk", Type.bool());
    txSerial = out("tx_serial_data", Type.bool());
    rxSerial = in("rx_serial_data", Type.bool());
  }

  @Override
  public Lane fabricTx() {
    return tx;
  }

  @Override
  public Lane fabricRx() {
    return rx;
  }

  @Override
  public Bool laneUp() {
    return up;
  }

  /** Reference clock pin, input. */
  public Bool refclk() {
    return refclk;
  }

  /** Serial transmit pin, output. */
  public Bool txSerial() {
    return txSerial;
  }

  /** Serial receive pin, input. */
  public Bool rxSerial() {
    return rxSerial;
  }
}
