package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convgate integrations connect-link}: a link for a customer to connect a Hyros account. */
@Command(
    name = "connect-link",
    header = "Make a one-time link to connect a Hyros account from a browser.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Makes a one-time link that connects a Hyros account to an integration without anyone"
          + " copying its API key. Open it in the browser that will then click connect in"
          + " Hyros (the link ties itself to that browser); Hyros sends the browser back to"
          + " convgate with a code and convgate stores the account's key. The link works once"
          + " and expires at the time printed.",
      "",
      "The link goes to stdout, the explanation to stderr.",
      ""
    },
    footerHeading = "%nExample:%n",
    footer = {"  convgate integrations connect-link shop-eu --name \"Shop EU\""})
final class ConnectLinkCommand extends CliCommand {

  @Parameters(paramLabel = "<id>", description = "The integration to connect.")
  String id;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "The integration's name for people, e.g. \"Shop EU\" (for a new one).")
  String name;

  @Override
  protected int run() {
    ObjectNode body = object().put("integrationId", id);
    if (name != null) {
      body.put("name", name);
    }
    JsonNode link = api().post(IntegrationsCommand.PATH + "/connect-links", body);
    return printAnswer(
        link,
        () -> {
          out().println(Json.text(link, "url"));
          err()
              .println(
                  "Open this link in the browser logged in to the Hyros account for "
                      + id
                      + " and click connect; it expires at "
                      + Json.text(link, "expiresAt")
                      + ".");
        });
  }
}
