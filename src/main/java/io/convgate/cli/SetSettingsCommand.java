package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code convgate integrations set-settings}: an integration's non-secret destination settings. */
@Command(
    name = "set-settings",
    header = "Replace an integration's destination settings (e.g. Hyperaktiv's ref).",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Replaces the non-secret settings of an integration's destination with those given"
          + " (PATCH /api/v1/integrations/<id> with settings): a setting not given is removed."
          + " Its destination checks them and names the one it refuses. --clear removes them"
          + " all. Keys are never settings: use rotate-key.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate integrations set-settings funnel-eu --setting ref=ORIGIN-42",
      "  convgate integrations set-settings shop-eu --clear"
    })
final class SetSettingsCommand extends IntegrationsCommand.NamedIntegration {

  @Option(
      names = "--setting",
      paramLabel = "<name=value>",
      description = "A setting of the destination; repeatable.")
  Map<String, String> settings;

  @Option(names = "--clear", description = "Remove every setting.")
  boolean clear;

  @Override
  protected int run() {
    boolean given = settings != null && !settings.isEmpty();
    if (given == clear) {
      throw new ParameterException(
          spec.commandLine(), "give --setting <name=value> (repeatable) or --clear, not both");
    }
    ObjectNode body = object();
    ObjectNode replaced = body.putObject("settings");
    if (given) {
      settings.forEach(replaced::put);
    }
    JsonNode integration = api().patch(IntegrationsCommand.path(id), body);
    JsonNode now = integration.path("settings");
    return printResult(
        integration,
        "Settings of "
            + id
            + ": "
            + (now.isObject() && now.size() > 0 ? now.toString() : "none")
            + ".");
  }
}
