package io.convgate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The dead-letter filters shared by {@code dead-letters list} and {@code dead-letters replay};
 * named as the API's list query ({@code ?integration&type&reason&httpStatus&state&from&to}).
 */
final class DeadLetterFilter {

  /** Dead-letter states of the API. */
  enum State {
    OPEN,
    REPLAYING,
    REPLAYED,
    DISCARDED
  }

  @Option(
      names = "--integration",
      paramLabel = "<id>",
      description = "Only this integration's dead letters (its id, e.g. shop-eu).")
  String integration;

  @Option(
      names = "--type",
      paramLabel = "<event-type>",
      description = "Only this event type, e.g. sale.completed.")
  String type;

  @Option(
      names = "--reason",
      paramLabel = "<reason-code>",
      description =
          "Only this reason code, e.g. hyros-rejected, retries-exhausted, unknown-integration,"
              + " invalid-data.")
  String reason;

  @Option(
      names = "--http-status",
      paramLabel = "<status>",
      description = "Only those where Hyros answered this HTTP status, e.g. 400.")
  Integer httpStatus;

  @Option(
      names = "--state",
      paramLabel = "<state>",
      converter = EnumConverter.State.class,
      description = "Only this state: ${COMPLETION-CANDIDATES}.")
  State state;

  @Option(
      names = "--from",
      paramLabel = "<when>",
      converter = When.class,
      description =
          "Dead-lettered at or after: an ISO-8601 instant (2026-11-23T07:00:00Z) or a time ago"
              + " (30m, 2h, 7d).")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "<when>",
      converter = When.class,
      description = "Dead-lettered before: an instant or a time ago, as --from.")
  Instant to;

  boolean isEmpty() {
    return query().isEmpty();
  }

  /** The query parameters of {@code GET /api/v1/dead-letters}, only those given. */
  Map<String, String> query() {
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "integration", integration);
    put(query, "type", type);
    put(query, "reason", reason);
    put(query, "httpStatus", httpStatus);
    put(query, "state", state);
    put(query, "from", from);
    put(query, "to", to);
    return query;
  }

  /** The {@code filter} of {@code POST /api/v1/replays}: the same names, only those given. */
  ObjectNode toJson(ObjectNode filter) {
    query().forEach(filter::put);
    if (httpStatus != null) {
      filter.put("httpStatus", httpStatus.intValue());
    }
    return filter;
  }

  /** How the filter reads in a sentence: "integration=shop-eu reason=hyros-rejected". */
  String describe() {
    StringBuilder text = new StringBuilder();
    query()
        .forEach(
            (name, value) ->
                text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value));
    return text.toString();
  }

  private static void put(Map<String, String> query, String name, Object value) {
    if (value != null) {
      query.put(name, value.toString());
    }
  }

  /** An ISO-8601 instant, or "30m" / "2h" / "7d" before now. */
  static final class When implements ITypeConverter<Instant> {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    @Override
    public Instant convert(String value) {
      Matcher ago = AGO.matcher(value.strip());
      if (ago.matches()) {
        long amount = Long.parseLong(ago.group(1));
        Duration duration;
        switch (ago.group(2)) {
          case "s":
            duration = Duration.ofSeconds(amount);
            break;
          case "m":
            duration = Duration.ofMinutes(amount);
            break;
          case "h":
            duration = Duration.ofHours(amount);
            break;
          default:
            duration = Duration.ofDays(amount);
        }
        return Instant.now().minus(duration);
      }
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is neither an ISO-8601 instant such as 2026-11-23T07:00:00Z"
                + " nor a time ago such as 30m, 2h or 7d");
      }
    }
  }
}
