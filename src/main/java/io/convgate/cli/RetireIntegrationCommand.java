package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convgate integrations retire}: the end of an integration (decision 0035). */
@Command(
    name = "retire",
    header = "Retire an integration for good: destroy its Hyros key, stop its deliveries.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Retires an integration (DELETE /api/v1/integrations/<id>). It cannot be undone:",
      "  - its Hyros key is destroyed (erased from the database);",
      "  - its parked deliveries are dead-lettered (reason integration-retired), not sent;",
      "  - a call to Hyros already under way finishes; nothing else is sent for it;",
      "  - events that name it later are dead-lettered at ingest (integration-retired), and"
          + " its dead letters cannot be replayed (discard them, or send the events under"
          + " another integration);",
      "  - the integration stays as RETIRED (integrations show <id>; hidden from list), so its"
          + " id cannot be used again; its ledger rows and dead letters are kept.",
      "",
      "You are asked to type the id to confirm, unless --yes. Without a terminal (scripts, CI)"
          + " there is no one to ask: pass --yes.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate integrations retire shop-eu",
      "  convgate integrations retire shop-eu --yes"
    })
final class RetireIntegrationCommand extends IntegrationsCommand.NamedIntegration {

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  protected int run() {
    if (!yes) {
      JsonNode current = api().get(IntegrationsCommand.path(id));
      err()
          .println(
              "Retiring "
                  + id
                  + " destroys its Hyros key and dead-letters its "
                  + Json.text(current, "parked")
                  + " parked deliveries and every later event for it. It cannot be undone.");
      err().flush();
      String answer = cli().terminal().readLine("Type the integration id to retire it: ");
      if (answer == null) {
        throw new UsageFailure("no terminal to confirm on: pass --yes to retire " + id);
      }
      if (!answer.strip().equals(id)) {
        err().println("Not retired.");
        return ConvgateCli.EXIT_USAGE;
      }
    }
    JsonNode integration = api().delete(IntegrationsCommand.path(id));
    return printResult(
        integration,
        "Retired "
            + id
            + " on "
            + Json.text(integration, "retiredAt")
            + ": its Hyros key is destroyed; its parked and later events are dead-lettered"
            + " (integration-retired).");
  }
}
