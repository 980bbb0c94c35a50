package org.shardwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** doctor's exit code: a broken install is the user's to fix (4), not a Shardwire bug (1). */
class DoctorExitCodeTest {
  private static final DoctorCommand.Check OK = new DoctorCommand.Check("java", true, true, "17");
  private static final DoctorCommand.Check MISSING = new DoctorCommand.Check("verilator", false, true, "not found");
  private static final DoctorCommand.Check OPTIONAL = new DoctorCommand.Check("yosys", false, false, "not found");

  @Test
  void aMissingNeededToolIsInstallNotOkNotAnInternalError() {
    assertEquals(ExitCodes.INSTALL_NOT_OK, DoctorCommand.exitCode(List.of(OK, MISSING, OPTIONAL)));
    assertEquals(List.of("verilator"), DoctorCommand.failed(List.of(OK, MISSING, OPTIONAL)));
  }

  @Test
  void aMissingOptionalToolStillPasses() {
    assertEquals(ExitCodes.OK, DoctorCommand.exitCode(List.of(OK, OPTIONAL)));
  }
}
