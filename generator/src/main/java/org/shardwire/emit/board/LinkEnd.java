package org.shardwire.emit.board;

import org.shardwire.blocks.link.LinkConfig;

/**
 * A channel-group link endpoint of a board (docs/channel-groups.md): the board input or output
 * number {@code index} that arrives from (a LinkRx) or leaves through (a LinkTx) its own lane,
 * whose ports are {@code <port>_data_*} and {@code <port>_ctrl_*} and whose status counters
 * carry the prefix {@code <port>_}.
 */
public record LinkEnd(int index, String port, LinkConfig config) {
  public LinkEnd {
    if (index < 0 || port == null || !port.matches("[a-z][a-z0-9_]*") || config == null) {
      throw new IllegalArgumentException("link end " + index + " '" + port + "': bad port name or config");
    }
  }
}
