package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code convgate integrations set-limits}: an integration's own rate limits. */
@Command(
    name = "set-limits",
    header = "Set an integration's request limits towards Hyros.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Sets how fast convgate may call Hyros for an integration. Give either limit or both;"
          + " the other stays as it is. 'default' goes back to Hyros' own limit. Raise a"
          + " limit only if Hyros granted more: above it Hyros answers 429 and deliveries"
          + " slow down.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate integrations set-limits shop-eu --requests-per-second 5 \\",
      "      --requests-per-minute 200",
      "  convgate integrations set-limits shop-eu --requests-per-minute default"
    })
final class SetLimitsCommand extends IntegrationsCommand.NamedIntegration {

  @Option(
      names = "--requests-per-second",
      paramLabel = "<n|default>",
      description = "Calls a second, or 'default'.")
  String requestsPerSecond;

  @Option(
      names = "--requests-per-minute",
      paramLabel = "<n|default>",
      description = "Calls a minute, or 'default'.")
  String requestsPerMinute;

  @Override
  protected int run() {
    if (requestsPerSecond == null && requestsPerMinute == null) {
      throw new ParameterException(
          spec.commandLine(), "give --requests-per-second, --requests-per-minute or both");
    }
    ObjectNode body = object();
    put(body, "requestsPerSecond", requestsPerSecond, "--requests-per-second");
    put(body, "requestsPerMinute", requestsPerMinute, "--requests-per-minute");
    JsonNode integration = api().patch(IntegrationsCommand.path(id), body);
    return printResult(
        integration,
        "Limits of "
            + id
            + ": "
            + IntegrationsCommand.limit(integration, "requestsPerSecond")
            + " a second, "
            + IntegrationsCommand.limit(integration, "requestsPerMinute")
            + " a minute.");
  }

  private void put(ObjectNode body, String field, String value, String option) {
    if (value == null) {
      return;
    }
    if (value.equalsIgnoreCase("default")) {
      body.putNull(field);
      return;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number > 0) {
        body.put(field, number);
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(),
        option + " must be a positive number or 'default', not '" + value + "'");
  }
}
