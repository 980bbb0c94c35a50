package org.shardwire.blocks.link;

import org.shardwire.hdl.BlackBoxModule;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Type;

/**
 * Xilinx UltraScale(+) GTH lane in 64b/66b mode, as a black box named {@code gth_lane}. The
 * vendor flow supplies the module: a Transceivers Wizard GTH channel with the asynchronous
 * gearbox (64-bit TXDATA/RXDATA, TXUSRCLK = line rate / 66, e.g. 156.25 MHz at 10.3125 Gb/s,
 * so a block goes out every cycle with no gearbox pause), the 64b/66b scrambler and block-lock
 * logic in fabric, and an elastic buffer into {@code clk} that inserts and deletes idle blocks.
 *
 * <p>Port mapping (fabric side, clocked by {@code clk}): {@code fabric_tx_ctrl} selects the sync
 * header (1 = control block 2'b10, 0 = data block 2'b01), {@code fabric_tx_data} is the block
 * payload (TXDATA), {@code fabric_tx_valid} low sends an idle block instead. On receive,
 * {@code fabric_rx_*} carry RXHEADER/RXDATA after descrambling; {@code fabric_rx_valid} is low
 * in cycles without a block (gearbox slip, idle deleted, no block lock) and for blocks with an
 * invalid sync header (00/11), which are dropped. Serial side: {@code gt_refclk_p/n} (the quad's
 * reference clock pins), {@code gt_txp/n}, {@code gt_rxp/n}.
 */
public final class GthLane extends BlackBoxModule implements LaneTransceiver {
  public static final String MODULE = "gth_lane";

  private final Lane tx;
  private final Lane rx;
  private final Bool up;
  private final Bool refclkP;
  private final Bool refclkN;
  private final Bool txp;
  private final Bool txn;
  private final Bool rxp;
  private final Bool rxn;

  /** @param lineRateGbps e.g. "10.3125"; @param refclkMhz e.g. "156.25" */
  public GthLane(String lineRateGbps, String refclkMhz) {
    super(MODULE);
    parameter("LINE_RATE_GBPS", LaneTransceiver.decimal("GTH line rate (Gb/s)", lineRateGbps));
    parameter("REFCLK_MHZ", LaneTransceiver.decimal("GTH reference clock (MHz)", refclkMhz));
    clockAndResetFromParent("clk", "rst");
    tx = new Lane(in("fabric_tx_valid", Type.bool()), in("fabric_tx_ctrl", Type.bool()),
        in("fabric_tx_data", Type.bits(LinkFrame.WORD_BITS)));
    rx = new Lane(out("fabric_rx_valid", Type.bool()), out("fabric_rx_ctrl", Type.bool()),
        out("fabric_rx_data", Type.bits(LinkFrame.WORD_BITS)));
    up = out("lane_up", Type.bool());
    refclkP = in("gt_refclk_p", Type.bool());
    refclkN = in("gt_refclk_n", Type.bool());
    txp = out("gt_txp", Type.bool());
    txn = out("gt_txn", Type.bool());
    rxp = in("gt_rxp", Type.bool());
    rxn = in("gt_rxn", Type.bool());
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

  /** Reference clock pins, inputs: drive from the board top's pins. */
  public Bool refclkP() {
    return refclkP;
  }

  public Bool refclkN() {
    return refclkN;
  }

  /** Serial transmit pins, outputs. */
  public Bool txp() {
    return txp;
  }

  public Bool txn() {
    return txn;
  }

  /** Serial receive pins, inputs. */
  public Bool rxp() {
    return rxp;
  }

  public Bool rxn() {
    return rxn;
  }
}
