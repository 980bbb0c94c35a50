package org.shardwire.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./shardwire generate}. Until the planner and per-board emission exist (issue 4), it
 * writes the foundation blocks, exactly as {@code ./shardwire blocks} does.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate Verilog. For now: the foundation blocks (same options as 'blocks').")
public final class GenerateCommand implements Callable<Integer> {

  @Mixin
  BlocksCommand blocks;

  @Override
  public Integer call() {
    return blocks.call();
  }
}
