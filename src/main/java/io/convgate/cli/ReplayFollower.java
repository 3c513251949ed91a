package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;

/**
 * Follows a replay job ({@code GET /api/v1/replays/{id}}) until it ends, drawing a progress bar on
 * stderr, and turns its final state into the exit code: 0 for SUCCEEDED, 3 otherwise.
 */
final class ReplayFollower {

  static final Set<String> FINAL_WITH_FAILURES = Set.of("COMPLETED_WITH_FAILURES", "INTERRUPTED");
  private static final int BAR_WIDTH = 20;

  private final CliCommand command;

  ReplayFollower(CliCommand command) {
    this.command = command;
  }

  /** Follows {@code job} (as last read) to its end; prints the final job; the exit code. */
  int follow(JsonNode job) {
    String id = job.path("id").asText();
    PrintWriter err = command.err();
    try {
      while (true) {
        err.print("\r" + progressLine(job));
        err.flush();
        if (isFinal(job)) {
          break;
        }
        sleep();
        job = command.api().get(ReplaysCommand.path(id));
      }
    } catch (ApiException | CannotConnectException e) {
      err.println();
      err.println(
          "the job "
              + id
              + " keeps running on the server; follow it again with: convgate replays show "
              + id
              + " --follow");
      throw e;
    }
    err.println();
    err.flush();
    JsonNode last = job;
    command.printAnswer(last, () -> printOutcome(command.out(), last));
    return exitCode(last);
  }

  static boolean isFinal(JsonNode job) {
    String state = job.path("state").asText();
    if (state.equals("RUNNING")) {
      return false;
    }
    return state.equals("SUCCEEDED")
        || FINAL_WITH_FAILURES.contains(state)
        || job.hasNonNull("finishedAt");
  }

  static int exitCode(JsonNode job) {
    return job.path("state").asText().equals("SUCCEEDED")
        ? ConvgateCli.EXIT_OK
        : ConvgateCli.EXIT_FAILURES;
  }

  /** {@code [#####.....] 250/500 delivered 240 skipped 10 failed 0} */
  static String progressLine(JsonNode job) {
    long total = Json.number(job, "total");
    long delivered = Json.number(job, "delivered");
    long skipped = Json.number(job, "skipped");
    long failed = Json.number(job, "failed");
    long done = delivered + skipped + failed;
    int filled =
        total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / Math.max(1, total));
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR_WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + " delivered "
        + delivered
        + " skipped "
        + skipped
        + " failed "
        + failed;
  }

  static void printOutcome(PrintWriter out, JsonNode job) {
    String id = job.path("id").asText();
    String state = job.path("state").asText();
    out.println(
        "Replay "
            + id
            + " "
            + state
            + ": "
            + Json.number(job, "total")
            + " dead letters, delivered "
            + Json.number(job, "delivered")
            + ", skipped "
            + Json.number(job, "skipped")
            + " (already delivered), failed "
            + Json.number(job, "failed"));
    if (state.equals("COMPLETED_WITH_FAILURES")) {
      out.println(
          "Some failed again: find them with convgate dead-letters list (same filters),"
              + " read Hyros' answer with convgate dead-letters show <id>, fix the cause and"
              + " replay again.");
    } else if (state.equals("INTERRUPTED")) {
      out.println(
          "The convgate instance running the job stopped before the end. Replaying again is"
              + " safe: what was delivered is skipped.");
    }
  }

  private void sleep() {
    try {
      Thread.sleep(command.cli().pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CannotConnectException(command.cli().baseUrl(), "interrupted", e);
    }
  }
}
