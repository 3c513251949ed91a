package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code convgate dead-letters replay}: plan, confirm, start and follow a replay job. */
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
final class DeadLettersReplay extends CliCommand {

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
    Table table = new Table("ID", "ACTION", "DETAIL").cutFirst("DETAIL");
    for (JsonNode item : items) {
      // Before a real replay only what would fail is worth a line; a dry run lists them all.
      if (withItems || isFailure(item)) {
        table.row(Json.text(item, "id"), Json.text(item, "action"), Json.text(item, "detail"));
      }
    }
    if (!table.isEmpty()) {
      table.print(out, width());
    }
  }

  /** Anything but "will be sent" or "skipped, already delivered": would fail, in progress. */
  private static boolean isFailure(JsonNode item) {
    String action = item.path("action").asText("").toUpperCase(Locale.ROOT);
    return !action.equals("SEND") && !action.equals("ALREADY_DELIVERED");
  }
}
