package org.shardwire.blocks.engines.routing;

import java.util.ArrayList;
import java.util.List;
import org.shardwire.blocks.engines.EngineModule;
import org.shardwire.blocks.engines.TensorStream;
import org.shardwire.hdl.Axis;
import org.shardwire.hdl.Bool;
import org.shardwire.hdl.Type;

/**
 * The hardware of {@link ForkConfig}: an eager fork. Each branch takes the current word as soon
 * as it can and remembers that it has (its {@code taken} flag); the input word is released when
 * every branch has it. Each branch has its own output register slice.
 */
public final class Fork extends EngineModule {

  public Fork(ForkConfig c) {
    super(c.moduleName());
    TensorStream stream = c.inputs().get(0);
    Axis in = axisIn("s_axis", stream.axisShape());
    List<Axis> outs = new ArrayList<>();
    List<Bool> taken = new ArrayList<>();
    for (int i = 0; i < c.branches(); i++) {
      outs.add(registeredOutput("m_axis_" + i, stream.axisShape()));
      taken.add(regInit("taken_" + i, Type.bool(), 0));
    }

    Bool allHave = null;
    for (int i = 0; i < c.branches(); i++) {
      Bool has = outs.get(i).ready().or(taken.get(i));
      allHave = allHave == null ? has : allHave.and(has);
    }
    Bool everyBranchHasIt = wire("every_branch_has_it", allHave);
    in.ready().assign(everyBranchHasIt);

    for (int i = 0; i < c.branches(); i++) {
      Axis out = outs.get(i);
      Bool t = taken.get(i);
      out.valid().assign(in.valid().and(t.not()));
      out.data().assign(in.data());
      out.last().assign(in.last());
      when(in.fire(), () -> t.assign(false)).elseWhen(out.fire(), () -> t.assign(true));
    }
  }
}
