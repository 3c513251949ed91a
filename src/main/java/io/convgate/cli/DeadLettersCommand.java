package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code convgate dead-letters}: what convgate could not deliver, and what to do with it. */
@Command(
    name = "dead-letters",
    header = "Look at, replay and discard what convgate could not deliver.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Dead letters: events convgate gave up on, with the reason (invalid data, Hyros refused"
          + " the content, retries exhausted, unknown integration). Each stays OPEN until an"
          + " operator replays it (REPLAYING, then REPLAYED) or discards it (DISCARDED).",
      "",
      "Usual course: list them, read a few with show, fix the cause (the producer's data, the"
          + " integration, the key), then replay them, first with --dry-run.",
      ""
    },
    subcommands = {
      DeadLettersCommand.ListCommand.class,
      DeadLettersCommand.Show.class,
      DeadLettersCommand.Replay.class,
      DeadLettersCommand.Discard.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate dead-letters list --state OPEN --integration shop-eu",
      "  convgate dead-letters show 42",
      "  convgate dead-letters replay --reason retries-exhausted --from 2h --dry-run",
      "  convgate dead-letters discard 42 --reason \"duplicate test order\""
    })
final class DeadLettersCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/dead-letters";

  static String path(long id) {
    return PATH + "/" + id;
  }

  @Command(
      name = "list",
      header = "List dead letters as a table (filters, pages).",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Lists dead letters, newest first as the API returns them, as a table: id, state,"
            + " integration, event, stage, reason code, Hyros' HTTP status, when, replay count"
            + " and the reason text. Changes nothing.",
        "",
        "One page is shown (--limit rows, the server's default otherwise); when there are"
            + " more, the last line says how to get them: --all follows the pages to the end,"
            + " --after continues from where a page stopped.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate dead-letters list --state OPEN",
        "  convgate dead-letters list --integration shop-eu --reason hyros-rejected \\",
        "      --http-status 400",
        "  convgate dead-letters list --from 2026-11-23T00:00:00Z \\",
        "      --to 2026-11-23T12:00:00Z --all",
        "  convgate dead-letters list --state OPEN --all --output json \\",
        "      | jq '.items[].id'"
      })
  static final class ListCommand extends CliCommand {

    @Mixin DeadLetterFilter filter;

    @Option(
        names = "--limit",
        paramLabel = "<n>",
        description = "Rows per page (with --all: per request).")
    Integer limit;

    @Option(
        names = "--after",
        paramLabel = "<cursor>",
        description = "Start after this cursor: the 'next' value a previous page printed.")
    String after;

    @Option(names = "--all", description = "Follow 'next' until the last page.")
    boolean all;

    @Override
    protected int run() {
      if (limit != null && limit <= 0) {
        throw new ParameterException(spec.commandLine(), "--limit must be a positive number");
      }
      List<JsonNode> items = new ArrayList<>();
      String cursor = after;
      String next;
      while (true) {
        Map<String, String> query = new LinkedHashMap<>(filter.query());
        if (limit != null) {
          query.put("limit", limit.toString());
        }
        if (cursor != null) {
          query.put("after", cursor);
        }
        JsonNode page = api().get(PATH, query);
        page.path("items").forEach(items::add);
        next = Json.text(page, "next");
        if (!all || next == null || next.equals(cursor)) {
          break;
        }
        cursor = next;
      }
      if (all) {
        next = null;
      }
      if (jsonOutput()) {
        ObjectNode result = object();
        ArrayNode array = result.putArray("items");
        items.forEach(array::add);
        result.put("next", next);
        printJson(result);
        return ConvgateCli.EXIT_OK;
      }
      if (items.isEmpty()) {
        out()
            .println(
                "No dead letters" + (filter.isEmpty() ? "." : " match " + filter.describe() + "."));
        return ConvgateCli.EXIT_OK;
      }
      Table table =
          new Table(
              "ID",
              "STATE",
              "INTEGRATION",
              "EVENT",
              "TYPE",
              "STAGE",
              "REASON",
              "HTTP",
              "DEAD-LETTERED",
              "REPLAYS",
              "DETAIL");
      for (JsonNode item : items) {
        table.row(
            Json.text(item, "id"),
            Json.text(item, "state"),
            Json.text(item, "integration"),
            Json.text(item, "eventId"),
            Json.text(item, "eventType"),
            Json.text(item, "stage"),
            Json.text(item, "reasonCode"),
            Json.text(item, "httpStatus"),
            Json.text(item, "deadLetteredAt"),
            Json.text(item, "replayCount"),
            Table.abbreviate(Json.text(item, "reason"), 60));
      }
      table.print(out());
      out().println(items.size() + " dead letter" + (items.size() == 1 ? "" : "s") + ".");
      if (next != null) {
        out().println("More: add --after " + next + " for the next page, or --all for every page.");
      }
      return ConvgateCli.EXIT_OK;
    }
  }

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
  static final class Show extends CliCommand {

    @Parameters(paramLabel = "<id>", description = "The dead letter's id, as in the list.")
    long id;

    @Override
    protected int run() {
      JsonNode letter = api().get(path(id));
      return printAnswer(letter, () -> print(out(), letter));
    }

    private void print(PrintWriter out, JsonNode letter) {
      out.println(
          "Dead letter " + Json.text(letter, "id") + " (" + Json.text(letter, "state") + ")");
      String reason = Json.text(letter, "reasonCode");
      if (letter.hasNonNull("reason")) {
        reason = (reason == null ? "" : reason + ": ") + Json.text(letter, "reason");
      }
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
        printIndented(out, prettyIfJson(letter.path("payload").asText()));
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
        pairs.add(Json.text(letter, "key"));
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

  @Command(
      name = "replay",
      header = "Send dead letters again: plan, confirm, follow the job.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Sends dead letters to Hyros again, once their cause is fixed: the ones named by id,"
            + " or those matching the filters, or, with neither, every OPEN dead letter.",
        "",
        "--dry-run only prints the plan: how many would be sent, how many were already"
            + " delivered (they are skipped) and which would fail again, and why. Changes"
            + " nothing.",
        "",
        "Otherwise the plan's counts are shown and you are asked to confirm (unless --yes),"
            + " then a replay job starts on the server and the command follows it every second"
            + " with a progress bar on stderr until it ends. The replayed dead letters become"
            + " REPLAYING, then REPLAYED. Exit code 0 when every one was delivered or skipped,"
            + " 3 when some failed or the job was interrupted. Ctrl-C stops following, not the"
            + " job: follow it again with convgate replays show <job> --follow.",
        "",
        "Without a terminal (scripts, CI) there is no one to ask: pass --yes.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate dead-letters replay 42 43 --dry-run",
        "  convgate dead-letters replay --integration shop-eu --reason hyros-rejected \\",
        "      --dry-run",
        "  convgate dead-letters replay --integration shop-eu --reason hyros-rejected",
        "  convgate dead-letters replay --state OPEN --from 6h --yes --no-wait"
      })
  static final class Replay extends CliCommand {

    @Parameters(
        paramLabel = "<id>",
        arity = "0..*",
        description = "Dead letters to replay, by id. Not together with filters.")
    List<Long> ids = new ArrayList<>();

    @Mixin DeadLetterFilter filter;

    @Option(names = "--dry-run", description = "Print the plan only; replay nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(
        names = "--no-wait",
        description = "Start the job, print its id and return without following it.")
    boolean noWait;

    @Override
    protected int run() {
      if (!ids.isEmpty() && !filter.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "give dead-letter ids or filters, not both: "
                + "ids replay exactly those, filters every match");
      }
      if (dryRun) {
        JsonNode plan = api().post(ReplaysCommand.PATH, request(true));
        return printAnswer(plan, () -> printPlan(out(), plan, true));
      }
      if (!yes) {
        Terminal terminal = cli().terminal();
        JsonNode plan = api().post(ReplaysCommand.PATH, request(true));
        printPlan(err(), plan, false);
        if (Json.number(plan, "total") == 0) {
          err().println("Nothing to replay.");
          return ConvgateCli.EXIT_OK;
        }
        err().flush();
        String answer =
            terminal.readLine(
                "Replay " + Json.number(plan, "total") + " dead letters " + scope() + "? [y/N] ");
        if (answer == null) {
          throw new UsageFailure(
              "no terminal to confirm on: check the plan with --dry-run, then pass --yes");
        }
        String normalized = answer.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals("y") && !normalized.equals("yes")) {
          err().println("Not replayed.");
          return ConvgateCli.EXIT_USAGE;
        }
      }
      JsonNode job = api().post(ReplaysCommand.PATH, request(false));
      String jobId = Json.text(job, "id");
      if (noWait) {
        return printAnswer(
            job,
            () -> {
              out()
                  .println(
                      "Started replay job "
                          + jobId
                          + " ("
                          + Json.number(job, "total")
                          + " dead letters).");
              out().println("Follow it with: convgate replays show " + jobId + " --follow");
            });
      }
      err()
          .println(
              "Replay job "
                  + jobId
                  + " started; following it (Ctrl-C stops following, not the job).");
      return new ReplayFollower(this).follow(job);
    }

    private ObjectNode request(boolean dry) {
      ObjectNode request = object();
      if (!ids.isEmpty()) {
        ArrayNode array = request.putArray("ids");
        ids.forEach(array::add);
      } else if (!filter.isEmpty()) {
        filter.toJson(request.putObject("filter"));
      }
      request.put("dryRun", dry);
      return request;
    }

    private String scope() {
      if (!ids.isEmpty()) {
        return "(ids " + ids.toString().replaceAll("[\\[\\]]", "") + ")";
      }
      return filter.isEmpty() ? "(every OPEN dead letter)" : "(" + filter.describe() + ")";
    }

    private void printPlan(PrintWriter out, JsonNode plan, boolean withItems) {
      out.println(
          "Plan "
              + scope()
              + ": "
              + Json.number(plan, "total")
              + " dead letters: would send "
              + Json.number(plan, "wouldSend")
              + ", already delivered "
              + Json.number(plan, "alreadyDelivered")
              + " (skipped), would fail "
              + Json.number(plan, "wouldFail"));
      JsonNode items = plan.path("items");
      Table table = new Table("ID", "ACTION", "DETAIL");
      for (JsonNode item : items) {
        // Before a real replay only what would fail is worth a line; a dry run lists them all.
        if (withItems || isFailure(item)) {
          table.row(Json.text(item, "id"), Json.text(item, "action"), Json.text(item, "detail"));
        }
      }
      if (!table.isEmpty()) {
        table.print(out);
      }
    }

    /** Anything but "will be sent" or "skipped, already delivered": would fail, in progress. */
    private static boolean isFailure(JsonNode item) {
      String action = item.path("action").asText("").toUpperCase(Locale.ROOT);
      return !action.equals("SEND") && !action.equals("ALREADY_DELIVERED");
    }
  }

  @Command(
      name = "discard",
      header = "Mark a dead letter never to be sent, with a reason.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Discards a dead letter: it becomes DISCARDED and will not be replayed, with your"
            + " reason kept in its history and the audit log. Use it for what must never reach"
            + " Hyros (test orders, duplicates, data that cannot be fixed).",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate dead-letters discard 42 --reason \"test order from staging\""})
  static final class Discard extends CliCommand {

    @Parameters(paramLabel = "<id>", description = "The dead letter's id.")
    long id;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "<text>",
        description = "Why it is discarded (kept for whoever looks later).")
    String reason;

    @Override
    protected int run() {
      if (reason.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--reason must say why");
      }
      ObjectNode body = object().put("reason", reason);
      JsonNode letter = api().post(path(id) + "/discard", body);
      return printAnswer(
          letter,
          () ->
              out()
                  .println(
                      "Dead letter "
                          + Json.text(letter, "id")
                          + " is now "
                          + Json.text(letter, "state")
                          + "."));
    }
  }
}
