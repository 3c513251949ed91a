package io.convgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-run list of the slowest test classes reads this run's reports, slowest first. */
class SlowestTestsTest {

  @TempDir Path reports;

  @Test
  void listsThisRunsClassesSlowestFirstWithTheirFailures() throws Exception {
    Instant start = Instant.parse("2026-12-04T23:00:00Z");
    report("TEST-a.FastTest.xml", "a.FastTest", "0.4", 3, 0, start.plusSeconds(5));
    report("TEST-b.SlowIT.xml", "b.SlowIT", "1,145.1", 1, 1, start.plusSeconds(200));
    report("TEST-c.MiddleTest.xml", "c.MiddleTest", "24.5", 4, 0, start.plusSeconds(60));
    report("TEST-d.EarlierRunTest.xml", "d.EarlierRunTest", "900", 1, 0, start.minusSeconds(60));
    Files.writeString(reports.resolve("c.MiddleTest.txt"), "not a report");

    List<SlowestTests.ClassTime> times = SlowestTests.read(reports, start);
    String text = SlowestTests.describe(times);

    assertThat(times)
        .extracting(SlowestTests.ClassTime::className)
        .containsExactlyInAnyOrder("a.FastTest", "b.SlowIT", "c.MiddleTest");
    assertThat(text).contains("The 3 slowest of 3 test classes (1170 s of class time in all)");
    assertThat(text.indexOf("b.SlowIT")).isLessThan(text.indexOf("c.MiddleTest"));
    assertThat(text.indexOf("c.MiddleTest")).isLessThan(text.indexOf("a.FastTest"));
    assertThat(text).contains("1145.1 s").contains("1 failed").doesNotContain("EarlierRunTest");
  }

  @Test
  void aMissingDirectoryIsNoClasses() {
    assertThat(SlowestTests.read(reports.resolve("failsafe-reports"), Instant.EPOCH)).isEmpty();
  }

  private void report(String file, String name, String time, int tests, int failures, Instant at)
      throws Exception {
    Path path = reports.resolve(file);
    Files.writeString(
        path,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\""
            + name
            + "\" time=\""
            + time
            + "\" tests=\""
            + tests
            + "\" errors=\"0\" skipped=\"0\" failures=\""
            + failures
            + "\"><testcase name=\"t\" classname=\""
            + name
            + "\" time=\"0.1\"/></testsuite>\n");
    Files.setLastModifiedTime(path, FileTime.from(at));
  }
}
