package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code convgate integrations create}: a new integration, its key checked when given. */
@Command(
    name = "create",
    header = "Add an integration; its Hyros key is asked for, never an argument.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Adds an integration: from then on, events whose 'integration' attribute is this id"
          + " are delivered to Hyros with this key (events for an unknown id are"
          + " dead-lettered as unknown-integration; replay them after creating it).",
      "",
      "The Hyros API key is asked for without echo, or read from stdin with --key-stdin;"
          + " never pass it as an argument. To let the account owner connect the account"
          + " themselves instead, see connect-link.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate integrations create --id shop-eu --name \"Shop EU\"",
      "  pass show hyros/shop-eu | convgate integrations create --id shop-eu \\",
      "      --name \"Shop EU\" --key-stdin --requests-per-second 5"
    })
final class CreateIntegrationCommand extends IntegrationsCommand.OneIntegration {

  @Option(
      names = "--id",
      required = true,
      paramLabel = "<id>",
      description = "1-64 characters of a-z 0-9 . _ - ; what producers put in 'integration'.")
  String id;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "<name>",
      description = "A name for people, e.g. \"Shop EU\".")
  String name;

  @Mixin HyrosKeyInput key;

  @Option(
      names = "--destination",
      paramLabel = "<kind>",
      description = "The kind of destination (default: hyros).")
  String destination;

  @Option(
      names = "--setting",
      paramLabel = "<name=value>",
      description = "A non-secret setting of the destination; repeatable.")
  java.util.Map<String, String> settings;

  @Option(
      names = "--requests-per-second",
      paramLabel = "<n>",
      description = "At most n calls a second to Hyros (default: Hyros' limit).")
  Integer requestsPerSecond;

  @Option(
      names = "--requests-per-minute",
      paramLabel = "<n>",
      description = "At most n calls a minute to Hyros (default: Hyros' limit).")
  Integer requestsPerMinute;

  @Override
  protected int run() {
    if (!IntegrationsCommand.ID.matcher(id).matches()) {
      throw new ParameterException(
          spec.commandLine(), "--id must be 1-64 characters of a-z 0-9 . _ - (got '" + id + "')");
    }
    positive(requestsPerSecond, "--requests-per-second");
    positive(requestsPerMinute, "--requests-per-minute");
    ObjectNode body = object().put("id", id).put("name", name);
    body.put("hyrosApiKey", key.read(cli(), id));
    if (destination != null) {
      body.put("destination", destination);
    }
    if (settings != null && !settings.isEmpty()) {
      ObjectNode given = body.putObject("settings");
      settings.forEach(given::put);
    }
    if (requestsPerSecond != null) {
      body.put("requestsPerSecond", requestsPerSecond.intValue());
    }
    if (requestsPerMinute != null) {
      body.put("requestsPerMinute", requestsPerMinute.intValue());
    }
    JsonNode integration = api().post(IntegrationsCommand.PATH, body);
    return printResult(
        integration,
        "Created integration "
            + Json.text(integration, "id")
            + IntegrationsCommand.ofAccount(integration)
            + "."
            + IntegrationsCommand.ifUnchecked(integration));
  }

  private void positive(Integer value, String option) {
    if (value != null && value <= 0) {
      throw new ParameterException(spec.commandLine(), option + " must be a positive number");
    }
  }
}
