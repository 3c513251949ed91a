package io.convgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The alert rules pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules deploy/prometheus/alerts-test.yaml alerts-test-days.yaml}), and every alert has tests in
 * which it fires and in which it does not. Needs promtool (Debian's {@code prometheus} package;
 * bin/test installs it): without it this test fails, it does not skip.
 */
@Execution(ExecutionMode.CONCURRENT)
class PrometheusRulesTest {

  private static final Path RULES = Path.of("deploy/prometheus/alerts.yaml");

  /** Minute-scale tests, and the day-scale ones with an evaluation interval of an hour. */
  private static final List<Path> TESTS =
      List.of(
          Path.of("deploy/prometheus/alerts-test.yaml"),
          Path.of("deploy/prometheus/alerts-test-days.yaml"));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theRulesAreValid() throws Exception {
    promtool("check", "rules", RULES.toString());
  }

  @Test
  void theRuleUnitTestsPass() throws Exception {
    List<String> arguments = new ArrayList<>(List.of("test", "rules"));
    TESTS.forEach(file -> arguments.add(file.toString()));
    promtool(arguments.toArray(String[]::new));
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() throws IOException {
    Set<String> alerts = new TreeSet<>();
    for (JsonNode group : YAML.readTree(RULES.toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          alerts.add(rule.get("alert").asText());
        }
      }
    }
    assertThat(alerts).hasSize(11);
    Map<String, Set<String>> cases = new TreeMap<>();
    for (Path file : TESTS) {
      for (JsonNode test : YAML.readTree(file.toFile()).get("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          cases
              .computeIfAbsent(check.get("alertname").asText(), k -> new TreeSet<>())
              .add(check.path("exp_alerts").isEmpty() ? "silent" : "firing");
        }
      }
    }
    for (String alert : alerts) {
      assertThat(cases.get(alert))
          .as("promtool cases of %s in %s", alert, TESTS)
          .containsExactly("firing", "silent");
    }
  }

  private static void promtool(String... arguments) throws Exception {
    String promtool = findPromtool();
    List<String> command = new ArrayList<>(List.of(promtool));
    command.addAll(List.of(arguments));
    // promtool's report goes to a file: a long one would fill a pipe nobody reads while waiting
    File report = File.createTempFile("promtool", ".txt");
    report.deleteOnExit();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(report).start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        fail("%s did not finish in 120 s", String.join(" ", command));
      }
    } finally {
      process.destroyForcibly();
    }
    String output = Files.readString(report.toPath(), StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as("%s failed:%n%s", String.join(" ", command), output)
        .isZero();
  }

  private static String findPromtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "promtool");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return fail(
        "promtool is not on the PATH: the alert rule tests need it. bin/test installs it"
            + " (apt-get install -y prometheus).");
  }
}
