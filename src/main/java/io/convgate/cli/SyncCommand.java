package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convgate sync}: reading Hyros back into change topics (jobs and backfills). */
@Command(
    name = "sync",
    header = "Read leads, sales, calls and subscriptions back from Hyros: jobs and backfills.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "A sync job reads one resource of one integration on a schedule and publishes what is new"
          + " or changed to convgate.hyros.<resource>. A backfill reads a past date range once"
          + " (at most Hyros' look-back). Both share the integration's rate limit with its"
          + " deliveries, at a lower priority. Reading needs integrations:read, changing"
          + " integrations:write.",
      ""
    },
    subcommands = {
      SyncCommand.Jobs.class,
      SyncCommand.Set.class,
      SyncCommand.Run.class,
      SyncCommand.Backfill.class,
      SyncCommand.Show.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate sync set shop-eu sales --interval PT15M --trailing P30D",
      "  convgate sync backfill shop-eu sales --from 2026-09-01T00:00:00Z --to 2026-12-01T00:00:00Z --follow",
      "  convgate sync jobs"
    })
final class SyncCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/sync";

  @Command(name = "jobs", header = "List sync jobs with their cursor and last success.")
  static final class Jobs extends CliCommand {

    @Option(names = "--integration", paramLabel = "<id>", description = "Only this integration.")
    String integration;

    @Override
    protected int run() {
      Map<String, String> query = new LinkedHashMap<>();
      if (integration != null) {
        query.put("integration", integration);
      }
      JsonNode answer = api().get(PATH + "/jobs", query);
      return printAnswer(
          answer,
          () -> {
            if (answer.path("items").size() == 0) {
              out().println("No sync jobs.");
              return;
            }
            Table table =
                new Table(
                    "INTEGRATION",
                    "RESOURCE",
                    "EVERY",
                    "WATERMARK",
                    "LAST SUCCESS",
                    "FAILURES",
                    "PUBLISHED",
                    "LAST ERROR");
            for (JsonNode job : answer.path("items")) {
              table.row(
                  Json.text(job, "integrationId"),
                  Json.text(job, "resource"),
                  Json.text(job, "interval"),
                  Json.text(job, "watermark"),
                  Json.text(job, "lastSuccessAt"),
                  Json.text(job, "failuresInARow"),
                  Json.text(job, "recordsPublished"),
                  Json.text(job, "lastError"));
            }
            table.print(out(), width());
          });
    }
  }

  @Command(name = "set", header = "Create a sync job or change its schedule (its cursor stays).")
  static final class Set extends CliCommand {

    @Parameters(index = "0", paramLabel = "<integration>")
    String integration;

    @Parameters(
        index = "1",
        paramLabel = "<resource>",
        description = "leads, sales, calls or subscriptions.")
    String resource;

    @Option(names = "--interval", paramLabel = "<ISO-8601>", description = "e.g. PT15M.")
    String interval;

    @Option(names = "--overlap", paramLabel = "<ISO-8601>", description = "e.g. PT30M.")
    String overlap;

    @Option(
        names = "--trailing",
        paramLabel = "<ISO-8601>",
        description = "e.g. P30D; PT0S turns it off.")
    String trailing;

    @Option(names = "--disabled", description = "Keep the job but run it no more.")
    boolean disabled;

    @Override
    protected int run() {
      ObjectNode body = object();
      body.put("interval", interval).put("overlap", overlap).put("trailing", trailing);
      body.put("enabled", !disabled);
      JsonNode job = api().put(PATH + "/jobs/" + integration + "/" + resource, body);
      return printAnswer(
          job, () -> out().println("Sync job " + integration + "/" + resource + " saved."));
    }
  }

  @Command(name = "run", header = "Run a sync job now (at the scheduler's next tick).")
  static final class Run extends CliCommand {

    @Parameters(index = "0", paramLabel = "<integration>")
    String integration;

    @Parameters(index = "1", paramLabel = "<resource>")
    String resource;

    @Override
    protected int run() {
      JsonNode job = api().post(PATH + "/jobs/" + integration + "/" + resource + "/run", object());
      return printAnswer(
          job, () -> out().println("Sync job " + integration + "/" + resource + " is due now."));
    }
  }

  @Command(name = "backfill", header = "Start a backfill of a date range; --follow watches it.")
  static final class Backfill extends CliCommand {

    @Parameters(index = "0", paramLabel = "<integration>")
    String integration;

    @Parameters(index = "1", paramLabel = "<resource>")
    String resource;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "<ISO-8601>",
        description = "Created from, with an offset.")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "<ISO-8601>",
        description = "Created before, with an offset.")
    String to;

    @Option(names = "--follow", description = "Show progress until the backfill ends.")
    boolean follow;

    @Override
    protected int run() {
      ObjectNode body = object();
      body.put("integrationId", integration)
          .put("resource", resource)
          .put("from", from)
          .put("to", to);
      JsonNode started = api().post(PATH + "/backfills", body);
      return follow
          ? Show.follow(this, started)
          : printAnswer(started, () -> Show.print(this, started));
    }
  }

  @Command(name = "show", header = "Show a backfill's progress; --follow watches it to the end.")
  static final class Show extends CliCommand {

    @Parameters(index = "0", paramLabel = "<backfill id>")
    String id;

    @Option(names = "--follow", description = "Show progress until the backfill ends.")
    boolean follow;

    @Override
    protected int run() {
      JsonNode backfill = api().get(PATH + "/backfills/" + id);
      return follow ? follow(this, backfill) : printAnswer(backfill, () -> print(this, backfill));
    }

    static void print(CliCommand command, JsonNode backfill) {
      command
          .out()
          .println(
              "backfill "
                  + Json.text(backfill, "id")
                  + " "
                  + Json.text(backfill, "state")
                  + ": "
                  + Json.text(backfill, "pages")
                  + " pages, "
                  + Json.text(backfill, "recordsRead")
                  + " read, "
                  + Json.text(backfill, "recordsPublished")
                  + " published, window "
                  + Json.text(backfill, "windowFrom")
                  + " .. "
                  + Json.text(backfill, "windowTo")
                  + (backfill.hasNonNull("lastError")
                      ? ", last error: " + Json.text(backfill, "lastError")
                      : ""));
    }

    static int follow(CliCommand command, JsonNode backfill) {
      String id = Json.text(backfill, "id");
      while (!isFinal(backfill)) {
        print(command, backfill);
        command.out().flush();
        try {
          Thread.sleep(command.cli().pollInterval().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CannotConnectException(command.cli().baseUrl(), "interrupted", e);
        }
        backfill = command.api().get(PATH + "/backfills/" + id);
      }
      JsonNode last = backfill;
      command.printAnswer(last, () -> print(command, last));
      return "SUCCEEDED".equals(Json.text(last, "state"))
          ? ConvgateCli.EXIT_OK
          : ConvgateCli.EXIT_FAILURES;
    }

    private static boolean isFinal(JsonNode backfill) {
      String state = Json.text(backfill, "state");
      return "SUCCEEDED".equals(state) || "FAILED".equals(state);
    }
  }
}
