package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convgate replays}: the replay jobs started by {@code dead-letters replay}. */
@Command(
    name = "replays",
    header = "Review and follow replay jobs.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Replay jobs: each `convgate dead-letters replay` starts one on the server. A job is"
          + " RUNNING, then SUCCEEDED (every dead letter delivered or skipped as already"
          + " delivered), COMPLETED_WITH_FAILURES, or INTERRUPTED (the instance running it"
          + " stopped; replaying again is safe). These commands only read.",
      ""
    },
    subcommands = {ReplaysCommand.ListCommand.class, ReplaysCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {"  convgate replays list", "  convgate replays show rpl_01HX... --follow"})
final class ReplaysCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/replays";

  static String path(String jobId) {
    return PATH + "/" + AdminClient.segment(jobId);
  }

  @Command(
      name = "list",
      header = "List replay jobs.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Lists replay jobs as a table: id, state, counts, who started it and when. Use it to"
            + " find a job started with --no-wait or by a colleague.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate replays list"})
  static final class ListCommand extends CliCommand {

    @Override
    protected int run() {
      return printItems(
          PATH,
          "No replay jobs.",
          new Table(
              "ID",
              "STATE",
              "TOTAL",
              "DELIVERED",
              "SKIPPED",
              "FAILED",
              "PENDING",
              "REQUESTED-BY",
              "CREATED",
              "FINISHED"),
          job ->
              new Object[] {
                Json.text(job, "id"),
                Json.text(job, "state"),
                Json.text(job, "total"),
                Json.text(job, "delivered"),
                Json.text(job, "skipped"),
                Json.text(job, "failed"),
                Json.text(job, "pending"),
                Json.text(job, "requestedBy"),
                Json.text(job, "createdAt"),
                Json.text(job, "finishedAt")
              });
    }
  }

  @Command(
      name = "show",
      header = "Show one replay job; --follow waits for its end.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Shows one replay job: state, filter, counts (total, republished, delivered, skipped,"
            + " failed, pending), who started it, when it started and ended.",
        "",
        "--follow waits for a running job like dead-letters replay does (progress bar on"
            + " stderr, every second) and exits 0 if it SUCCEEDED, 3 if it ended with failures"
            + " or was interrupted.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate replays show rpl_01HX...",
        "  convgate replays show rpl_01HX... --follow"
      })
  static final class Show extends CliCommand {

    @Parameters(paramLabel = "<job-id>", description = "The job's id (rpl_...).")
    String jobId;

    @Option(names = "--follow", description = "Follow the job until it ends.")
    boolean follow;

    @Override
    protected int run() {
      JsonNode job = api().get(path(jobId));
      if (follow) {
        return new ReplayFollower(this).follow(job);
      }
      return printAnswer(job, () -> print(job));
    }

    private void print(JsonNode job) {
      out().println("Replay job " + Json.text(job, "id") + " (" + Json.text(job, "state") + ")");
      JsonNode filter = job.path("filter");
      Table.fields(
          out(),
          "  ",
          "requested by",
          Json.text(job, "requestedBy"),
          "created",
          Json.text(job, "createdAt"),
          "finished",
          Json.text(job, "finishedAt"),
          "filter",
          filter.isMissingNode() || filter.isNull() || filter.size() == 0
              ? null
              : filter.toString(),
          "total",
          Json.text(job, "total"),
          "republished",
          Json.text(job, "republished"),
          "delivered",
          Json.text(job, "delivered"),
          "skipped",
          Json.text(job, "skipped"),
          "failed",
          Json.text(job, "failed"),
          "pending",
          Json.text(job, "pending"));
    }
  }
}
