package io.convgate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convgate audit}: who did what through the admin API, and the calls it refused. */
@Command(
    name = "audit",
    header = "Read the audit trail: changes made through the admin API, and refused calls.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Every change made through the admin API leaves a row: who (the key id and its owner),"
          + " what, on what, and how it ended. Refused calls (401 and 403) are counted per"
          + " caller, path and reason and written as one api.refused row per minute with the"
          + " count. Needs api-keys:read. This command only reads.",
      ""
    },
    subcommands = {AuditCommand.ListCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate audit list",
      "  convgate audit list --action api.refused",
      "  convgate --output json audit list --target \"integration shop-eu\""
    })
final class AuditCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/audit";

  @Command(
      name = "list",
      header = "List audit rows, newest first.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Lists audit rows as a table: when, who, what, on what, how it ended, and what was"
            + " asked (never a secret). --output json prints the rows whole.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate audit list --action api.refused --limit 20"})
  static final class ListCommand extends CliCommand {

    @Option(
        names = "--action",
        paramLabel = "<action>",
        description = "Only this action, e.g. api.refused, integration.retire, api-key.create.")
    String action;

    @Option(
        names = "--target",
        paramLabel = "<target>",
        description = "Only rows whose target starts with this, e.g. \"integration shop-eu\".")
    String target;

    @Option(
        names = "--limit",
        paramLabel = "<n>",
        defaultValue = "100",
        description = "At most this many rows (1-1000; default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int run() {
      if (limit < 1 || limit > 1000) {
        throw new UsageFailure("--limit must be between 1 and 1000, got " + limit);
      }
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", Integer.toString(limit));
      if (action != null) {
        query.put("action", action);
      }
      if (target != null) {
        query.put("target", target);
      }
      var answer = api().get(PATH, query);
      return printAnswer(
          answer,
          () -> {
            var items = answer.path("items");
            if (items.size() == 0) {
              out().println("No audit rows.");
              return;
            }
            Table table = new Table("AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "DETAIL");
            for (var row : items) {
              table.row(
                  Json.text(row, "at"),
                  Json.text(row, "actor"),
                  Json.text(row, "action"),
                  Json.text(row, "target"),
                  Json.text(row, "outcome"),
                  row.hasNonNull("detail") ? Json.describe(row.path("detail")) : null);
            }
            table.print(out(), width());
          });
    }
  }
}
