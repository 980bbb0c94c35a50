package org.shardwire.hdltest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.util.Set;
import org.shardwire.hdl.Module;

/**
 * The package layering of docs/architecture.md: packages depend downwards only, from the CLI at
 * the top to the HDL facade, the CNN model and the board catalog at the bottom. A class that
 * needs something from a higher package is given it as data by its caller instead.
 */
@AnalyzeClasses(locations = LayeringTest.MainClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  private static final String CLI = "cli";
  private static final String REPORT = "report";
  private static final String SIM = "sim";
  private static final String EMIT = "emit";
  private static final String PLAN = "plan";
  private static final String BLOCKS = "blocks";
  private static final String GOLDEN = "golden";
  private static final String QUANT = "quant";
  private static final String BOARDS = "boards";
  private static final String HDL = "hdl";
  private static final String MODEL = "model";
  private static final String TEMPLATES = "templates";

  @ArchTest
  static final ArchRule packagesDependDownwardsOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer(CLI).definedBy("org.shardwire.cli..")
      .layer(REPORT).definedBy("org.shardwire.report..")
      .layer(SIM).definedBy("org.shardwire.sim..")
      .layer(EMIT).definedBy("org.shardwire.emit..")
      .layer(PLAN).definedBy("org.shardwire.plan..")
      .layer(BLOCKS).definedBy("org.shardwire.blocks..")
      .layer(GOLDEN).definedBy("org.shardwire.golden..")
      .layer(QUANT).definedBy("org.shardwire.quant..")
      .layer(BOARDS).definedBy("org.shardwire.boards..")
      .layer(HDL).definedBy("org.shardwire.hdl..")
      .layer(MODEL).definedBy("org.shardwire.model..")
      .layer(TEMPLATES).definedBy("org.shardwire.templates..")
      .whereLayer(CLI).mayNotBeAccessedByAnyLayer()
      .whereLayer(REPORT).mayOnlyBeAccessedByLayers(CLI)
      .whereLayer(SIM).mayOnlyBeAccessedByLayers(REPORT, CLI)
      .whereLayer(EMIT).mayOnlyBeAccessedByLayers(SIM, REPORT, CLI)
      .whereLayer(PLAN).mayOnlyBeAccessedByLayers(EMIT, SIM, REPORT, CLI)
      .whereLayer(BLOCKS).mayOnlyBeAccessedByLayers(PLAN, EMIT, SIM, REPORT, CLI)
      .whereLayer(GOLDEN).mayOnlyBeAccessedByLayers(BLOCKS, PLAN, EMIT, SIM, REPORT, CLI)
      .whereLayer(QUANT).mayOnlyBeAccessedByLayers(GOLDEN, BLOCKS, PLAN, EMIT, SIM, REPORT, CLI)
      // The board catalog and the HDL facade know nothing of CNNs; the model knows nothing of hardware.
      .whereLayer(BOARDS).mayOnlyBeAccessedByLayers(BLOCKS, PLAN, EMIT, SIM, REPORT, CLI)
      .whereLayer(HDL).mayOnlyBeAccessedByLayers(BOARDS, BLOCKS, PLAN, EMIT, SIM, REPORT, CLI)
      .whereLayer(MODEL).mayOnlyBeAccessedByLayers(QUANT, GOLDEN, BLOCKS, PLAN, EMIT, SIM, REPORT, CLI)
      .whereLayer(TEMPLATES).mayOnlyBeAccessedByLayers(EMIT, SIM, REPORT, CLI);

  /** The generator's own classes (target/classes), without scanning every jar for the package. */
  static final class MainClasses implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
      try {
        return Set.of(Location.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Inside emit the flow is lower -> emit too: the lowering (emit.lower) builds the board-top
   * configs (emit.board); the emitter (emit) writes files from both; neither looks back up.
   */
  @ArchTest
  static final ArchRule boardTopsKnowNothingOfLoweringOrFiles = noClasses().that()
      .resideInAPackage("org.shardwire.emit.board..")
      .should().dependOnClassesThat().resideInAnyPackage("org.shardwire.emit", "org.shardwire.emit.lower..");

  @ArchTest
  static final ArchRule loweringKnowsNothingOfFiles = noClasses().that().resideInAPackage("org.shardwire.emit.lower..")
      .should().dependOnClassesThat().resideInAPackage("org.shardwire.emit");

  @ArchTest
  static final ArchRule noCyclesBetweenPackages =
      slices().matching("org.shardwire.(*)..").should().beFreeOfCycles();
}
