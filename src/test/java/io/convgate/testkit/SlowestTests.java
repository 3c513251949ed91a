package io.convgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Prints the ten slowest test classes of a run, from the XML reports surefire and failsafe write
 * ({@code TEST-*.xml}), at the end of {@code ./mvnw verify} (execution {@code slowest-tests} of the
 * exec plugin). Reports older than the build are left out, so that a targeted run in a used working
 * tree does not list the classes of an earlier one.
 *
 * <p>Arguments: the build's start ({@code maven.build.timestamp}, ISO-8601 UTC), then the report
 * directories.
 */
public final class SlowestTests {

  private static final int SHOWN = 10;

  /** One class's report: its own wall time, as surefire measured it. */
  record ClassTime(String className, double seconds, int tests, int failed, String phase) {}

  private SlowestTests() {}

  public static void main(String[] args) {
    Instant since = since(args.length > 0 ? args[0] : "");
    List<ClassTime> times = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      times.addAll(read(Path.of(args[i]), since));
    }
    System.out.println(describe(times));
  }

  static String describe(List<ClassTime> times) {
    StringBuilder out = new StringBuilder();
    double total = times.stream().mapToDouble(ClassTime::seconds).sum();
    out.append(
        String.format(
            Locale.ROOT,
            "%n--- The %d slowest of %d test classes (%.0f s of class time in all) ---%n",
            Math.min(SHOWN, times.size()),
            times.size(),
            total));
    times.stream()
        .sorted(Comparator.comparingDouble(ClassTime::seconds).reversed())
        .limit(SHOWN)
        .forEach(
            t ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "%8.1f s  %-55s %3d %s%s  (%s)%n",
                        t.seconds(),
                        t.className(),
                        t.tests(),
                        t.tests() == 1 ? "test" : "tests",
                        t.failed() > 0 ? ", " + t.failed() + " failed" : "",
                        t.phase())));
    return out.toString();
  }

  static List<ClassTime> read(Path directory, Instant since) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
          .filter(f -> modified(f).compareTo(since) >= 0)
          .map(f -> parse(f, directory.getFileName().toString().replace("-reports", "")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ClassTime parse(Path report, String phase) {
    try (InputStream in = Files.newInputStream(report)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element suite = factory.newDocumentBuilder().parse(in).getDocumentElement();
      return new ClassTime(
          suite.getAttribute("name"),
          number(suite.getAttribute("time")),
          (int) number(suite.getAttribute("tests")),
          (int) (number(suite.getAttribute("failures")) + number(suite.getAttribute("errors"))),
          phase);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("unreadable test report " + report, e);
    }
  }

  private static double number(String text) {
    // Surefire writes times such as "1,234.5" in some locales.
    String plain = text.replace(",", "").trim();
    return plain.isEmpty() ? 0 : Double.parseDouble(plain);
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant since(String timestamp) {
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
