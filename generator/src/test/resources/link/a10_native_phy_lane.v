// Port-only stand-in for the vendor-supplied a10_native_phy_lane (docs/link.md), used to lint board tops.
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNUSEDPARAM */
module a10_native_phy_lane #(
  parameter DATA_RATE_GBPS = "10.3125",
  parameter REFCLK_MHZ = "644.53125"
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        fabric_tx_valid,
  input  wire        fabric_tx_ctrl,
  input  wire [63:0] fabric_tx_data,
  output wire        fabric_rx_valid,
  output wire        fabric_rx_ctrl,
  output wire [63:0] fabric_rx_data,
  output wire        lane_up,
  input  wire        refclk,
  output wire        tx_serial_data,
  input  wire        rx_serial_data
);
  assign fabric_rx_valid = 1'b0;
  assign fabric_rx_ctrl = 1'b0;
  assign fabric_rx_data = 64'd0;
  assign lane_up = 1'b0;
  assign tx_serial_data = 1'b0;
endmodule
