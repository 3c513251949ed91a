package io.convgate.testkit;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Prometheus endpoint of the running gateway, as a dashboard would. */
public final class MetricsScrape {

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");

  private MetricsScrape() {}

  public static String scrape() {
    return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The sum of every sample of {@code name} whose labels include {@code labels}. */
  public static double sum(String name, Map<String, String> labels) {
    return sum(scrape(), name, labels);
  }

  public static double sum(String text, String name, Map<String, String> labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.find() || !m.group(1).equals(name)) {
        continue;
      }
      String labelText = m.group(3) == null ? "" : m.group(3);
      boolean matches =
          labels.entrySet().stream()
              .allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (matches) {
        total += Double.parseDouble(m.group(4));
      }
    }
    return total;
  }
}
