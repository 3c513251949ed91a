package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code convgate dead-letters show}: one dead letter in full. */
@Command(
    name = "show",
    header = "Show one dead letter: why it failed, headers, payload, history.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Shows one dead letter in full: where and why it failed, the field errors of invalid"
          + " data, Hyros' messages, the record's headers, the payload (JSON indented, binary"
          + " as base64) and its history (replays, discards). Changes nothing.",
      "",
      "Use it before replaying or discarding, to see whether the cause is fixed.",
      ""
    },
    footerHeading = "%nExample:%n",
    footer = {"  convgate dead-letters show 42"})
final class DeadLetterShow extends CliCommand {

  @Parameters(paramLabel = "<id>", description = "The dead letter's id, as in the list.")
  long id;

  @Override
  protected int run() {
    JsonNode letter = api().get(DeadLettersCommand.path(id));
    return printAnswer(letter, () -> print(out(), letter));
  }

  private void print(PrintWriter out, JsonNode letter) {
    out.println("Dead letter " + Json.text(letter, "id") + " (" + Json.text(letter, "state") + ")");
    String reason = DeadLettersCommand.reasonWithCode(letter);
    Table.fields(
        out,
        "  ",
        "integration",
        Json.text(letter, "integration"),
        "event",
        Json.text(letter, "eventId"),
        "type",
        Json.text(letter, "eventType"),
        "source topic",
        Json.text(letter, "sourceTopic"),
        "stage",
        Json.text(letter, "stage"),
        "reason",
        reason,
        "HTTP status",
        Json.text(letter, "httpStatus"),
        "dead-lettered",
        Json.text(letter, "deadLetteredAt"),
        "replays",
        Json.text(letter, "replayCount"));
    printRecordAndClosing(out, letter);
    JsonNode fieldErrors = letter.path("fieldErrors");
    if (fieldErrors.size() > 0) {
      out.println();
      out.println("Field errors:");
      for (JsonNode fieldError : fieldErrors) {
        if (fieldError.has("pointer")) {
          out.println(
              "  "
                  + fieldError.path("pointer").asText()
                  + ": "
                  + fieldError.path("message").asText());
        } else {
          out.println("  " + Json.describe(fieldError));
        }
      }
    }
    printDescribed(out, "Hyros messages:", letter.path("hyrosMessages"));
    JsonNode headers = letter.path("headers");
    if (headers.size() > 0) {
      out.println();
      out.println("Headers:");
      List<Object> pairs = new ArrayList<>();
      for (JsonNode header : headers) {
        pairs.add(header.path("name").asText());
        pairs.add(header.path("value").isNull() ? null : header.path("value").asText());
      }
      Table.fields(out, "  ", pairs.toArray());
    }
    out.println();
    if (letter.hasNonNull("payload")) {
      out.println("Payload:");
      printIndented(out, printable(prettyIfJson(letter.path("payload").asText())));
    } else if (letter.hasNonNull("payloadBase64")) {
      String base64 = letter.path("payloadBase64").asText();
      out.println("Payload (not text, " + decodedLength(base64) + " bytes, base64):");
      printIndented(out, base64);
    } else {
      out.println("Payload: none");
    }
    printDescribed(out, "History:", letter.path("history"));
  }

  /** A section with a line for each of {@code entries}, if there are any. */
  private static void printDescribed(PrintWriter out, String heading, JsonNode entries) {
    if (entries.size() > 0) {
      out.println();
      out.println(heading);
      for (JsonNode entry : entries) {
        out.println("  " + Json.describe(entry));
      }
    }
  }

  /** Fields beyond the contract's minimum, printed when the server sends them. */
  private static void printRecordAndClosing(PrintWriter out, JsonNode letter) {
    List<Object> pairs = new ArrayList<>();
    if (letter.hasNonNull("sourcePartition") || letter.hasNonNull("sourceOffset")) {
      pairs.add("partition/offset");
      pairs.add(Json.text(letter, "sourcePartition") + "/" + Json.text(letter, "sourceOffset"));
    }
    if (letter.hasNonNull("key")) {
      pairs.add("record key");
      pairs.add(printable(Json.text(letter, "key")));
    }
    if (letter.hasNonNull("closedAt")) {
      pairs.add("closed");
      String by = Json.text(letter, "closedBy");
      String why = Json.text(letter, "closeReason");
      pairs.add(
          Json.text(letter, "closedAt")
              + (by == null ? "" : " by " + by)
              + (why == null ? "" : ": " + why));
    }
    if (!pairs.isEmpty()) {
      Table.fields(out, "  ", pairs.toArray());
    }
  }

  private String prettyIfJson(String payload) {
    try {
      JsonNode parsed = mapper().readTree(payload);
      if (parsed != null && parsed.isContainerNode()) {
        return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(parsed);
      }
    } catch (Exception notJson) {
      // shown as it is
    }
    return payload;
  }

  /**
   * The text with every control or invisible format character but line breaks and tabs written as
   * {@code \\uXXXX}: a producer's payload must not drive the operator's terminal (escape sequences,
   * a C1 CSI, bidi overrides that reorder what is shown).
   */
  static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder shown = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      boolean hidden =
          (type == Character.CONTROL && c != '\n' && c != '\t')
              || type == Character.FORMAT
              || c == '\u2028'
              || c == '\u2029';
      if (hidden && shown == null) {
        shown = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (shown != null) {
        if (hidden) {
          shown.append(String.format("\\u%04x", (int) c));
        } else {
          shown.append(c);
        }
      }
    }
    return shown == null ? text : shown.toString();
  }

  private static String decodedLength(String base64) {
    try {
      return Integer.toString(Base64.getDecoder().decode(base64).length);
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }

  private static void printIndented(PrintWriter out, String text) {
    for (String line : text.split("\\R", -1)) {
      out.println("  " + line);
    }
  }
}
