package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code convgate integrations}: the accounts convgate delivers to (Hyros, Hyperaktiv). */
@Command(
    name = "integrations",
    header = "Manage the accounts convgate delivers to (Hyros accounts, Hyperaktiv workspaces).",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Integrations: one per destination account (a Hyros account, a Hyperaktiv workspace),"
          + " named by the id producers put in an event's 'integration' attribute or that routes"
          + " name. Each has its destination's key (never shown), its status (ACTIVE, PAUSED,"
          + " AUTH_FAILED when the destination refused the key) and optional rate"
          + " limits. While an integration is held its deliveries are parked, not lost.",
      "",
      "Changes reach the delivering instances within the integration cache's TTL (30 s by"
          + " default).",
      ""
    },
    subcommands = {
      IntegrationsCommand.ListCommand.class,
      IntegrationsCommand.Show.class,
      CreateIntegrationCommand.class,
      IntegrationsCommand.Pause.class,
      IntegrationsCommand.Resume.class,
      IntegrationsCommand.RotateKey.class,
      SetLimitsCommand.class,
      SetSettingsCommand.class,
      ConnectLinkCommand.class,
      RetireIntegrationCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate integrations list",
      "  convgate integrations rotate-key shop-eu",
      "  convgate integrations pause shop-eu"
    })
final class IntegrationsCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/integrations";
  static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,64}");

  static String path(String id) {
    return PATH + "/" + AdminClient.segment(id);
  }

  static String limit(JsonNode integration, String field) {
    String value = Json.text(integration, field);
    return value == null ? "Hyros default" : value;
  }

  /** " for the Hyros account x@y" when Hyros named the key's account, else "". */
  static String ofAccount(JsonNode integration) {
    String email = Json.text(integration.path("account"), "email");
    return email == null ? "" : " for the Hyros account " + email;
  }

  /** Why the integration is held when Hyros could not check its key, else "". */
  static String ifUnchecked(JsonNode integration) {
    if (!"KEY_UNCHECKED".equals(Json.text(integration, "status"))) {
      return "";
    }
    return " Held: Hyros could not check the key ("
        + Json.text(integration, "keyCheckProblem")
        + "); deliveries are parked until it does, and convgate keeps asking.";
  }

  /** The one-integration view shared by show and the commands that change one. */
  static void print(PrintWriter out, JsonNode integration) {
    out.println(
        "Integration "
            + Json.text(integration, "id")
            + " ("
            + Json.text(integration, "status")
            + ")");
    JsonNode account = integration.path("account");
    String accountText = null;
    if (account.isObject()) {
      accountText = Json.text(account, "email");
      String roles = Json.joined(account.path("roles"));
      if (roles != null) {
        accountText = accountText + " (" + roles + ")";
      }
    }
    JsonNode lastError = integration.path("lastError");
    JsonNode lastRejection = integration.path("lastRejection");
    Table.fields(
        out,
        "  ",
        "name",
        Json.text(integration, "name"),
        "destination",
        Json.text(integration, "destination"),
        "status",
        Json.text(integration, "status"),
        "requests/second",
        limit(integration, "requestsPerSecond"),
        "requests/minute",
        limit(integration, "requestsPerMinute"),
        "Hyros account",
        accountText,
        "key updated",
        Json.text(integration, "keyUpdatedAt"),
        "last delivery",
        Json.text(integration, "lastDeliveryAt"),
        "last Hyros error",
        lastError.isObject() ? Json.text(lastError, "at") + " " + describeError(lastError) : null,
        "last rejection",
        lastRejection.isObject()
            ? Json.text(lastRejection, "at") + " " + describeError(lastRejection)
            : null,
        "parked",
        Json.text(integration, "parked"),
        "created",
        Json.text(integration, "createdAt"),
        "updated",
        Json.text(integration, "updatedAt"));
  }

  /**
   * A last error or rejection in a line: {@code HTTP 400 hyros-rejected: message}; without a status
   * (no answer, or refused before any call) the reason code alone leads.
   */
  static String describeError(JsonNode error) {
    StringBuilder line = new StringBuilder();
    String status = Json.text(error, "httpStatus");
    if (status != null) {
      line.append("HTTP ").append(status);
    }
    String code = Json.text(error, "reasonCode");
    if (code != null) {
      line.append(line.isEmpty() ? "" : " ").append(code);
    }
    String message = Json.text(error, "message");
    if (message != null) {
      line.append(line.isEmpty() ? "" : ": ").append(message);
    }
    return line.toString();
  }

  /** Base for the commands that answer with one integration. */
  abstract static class OneIntegration extends CliCommand {

    /** The integration, after {@code sentence} unless that is null; the exit code. */
    int printResult(JsonNode integration, String sentence) {
      return printAnswer(
          integration,
          () -> {
            if (sentence != null) {
              out().println(sentence);
            }
            print(out(), integration);
          });
    }
  }

  /** Base for the commands about one integration named by its id. */
  abstract static class NamedIntegration extends OneIntegration {

    @Parameters(paramLabel = "<id>", description = "The integration's id.")
    String id;
  }

  /** Base for pause and resume: {@code POST} to the integration's {@code action}. */
  abstract static class StatusChange extends NamedIntegration {

    private final String action;

    StatusChange(String action) {
      this.action = action;
    }

    @Override
    protected int run() {
      JsonNode integration = api().post(path(id) + "/" + action, null);
      return printResult(integration, id + " is now " + Json.text(integration, "status") + ".");
    }
  }

  @Command(
      name = "list",
      header = "List integrations: status, limits, parked, last error.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Lists integrations as a table: id, name, status, limits, parked deliveries, last"
            + " delivery and last Hyros error. Changes nothing.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate integrations list"})
  static final class ListCommand extends CliCommand {

    @Override
    protected int run() {
      return printItems(
          PATH,
          "No integrations. Add one with: convgate integrations create --help",
          new Table(
                  "ID",
                  "NAME",
                  "DESTINATION",
                  "STATUS",
                  "REQ/S",
                  "REQ/MIN",
                  "PARKED",
                  "LAST-DELIVERY",
                  "LAST-ERROR")
              .cutFirst("LAST-ERROR", "NAME"),
          ListCommand::row);
    }

    private static Object[] row(JsonNode integration) {
      JsonNode lastError = integration.path("lastError");
      return new Object[] {
        Json.text(integration, "id"),
        Json.text(integration, "name"),
        Json.text(integration, "destination"),
        Json.text(integration, "status"),
        Json.text(integration, "requestsPerSecond"),
        Json.text(integration, "requestsPerMinute"),
        Json.text(integration, "parked"),
        Json.text(integration, "lastDeliveryAt"),
        lastError.isObject() ? describeError(lastError) : null
      };
    }
  }

  @Command(
      name = "show",
      header = "Show one integration (never its key).",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Shows one integration: status, limits, the Hyros account its key belongs to, when the"
            + " key changed, last delivery, last Hyros error (a delivery Hyros refused or never"
            + " answered), last rejection (an event refused before reaching Hyros), parked"
            + " deliveries. Never the key."
            + " Changes nothing.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate integrations show shop-eu"})
  static final class Show extends NamedIntegration {

    @Override
    protected int run() {
      return printResult(api().get(path(id)), null);
    }
  }

  @Command(
      name = "pause",
      header = "Hold an integration's deliveries (parked, not lost).",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Pauses an integration: convgate stops calling Hyros for it (and stops probing it)."
            + " Its events keep being accepted and are parked, in order; nothing is lost and"
            + " other integrations are not affected. Use it while the account owner sorts"
            + " something out on the Hyros side. Undo with resume.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate integrations pause shop-eu"})
  static final class Pause extends StatusChange {

    Pause() {
      super("pause");
    }
  }

  @Command(
      name = "resume",
      header = "Let a paused integration's deliveries go out again.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Resumes a paused integration: it becomes ACTIVE and its parked deliveries go out,"
            + " oldest first, at the integration's pace.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate integrations resume shop-eu"})
  static final class Resume extends StatusChange {

    Resume() {
      super("resume");
    }
  }

  @Command(
      name = "rotate-key",
      header = "Replace an integration's Hyros key (asked for, never an argument).",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Replaces an integration's Hyros API key, e.g. after alert ConvgateAuthFailure (Hyros"
            + " answered 401/403) or when the account owner rotated it. An AUTH_FAILED"
            + " integration becomes ACTIVE; its parked deliveries go out once a probe confirms"
            + " the key.",
        "",
        "The new key is asked for without echo, or read from stdin with --key-stdin (or"
            + " whenever there is no terminal); never pass it as an argument. It is never shown.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate integrations rotate-key shop-eu",
        "  vault kv get -field=key secret/hyros/shop-eu \\",
        "      | convgate integrations rotate-key shop-eu --key-stdin"
      })
  static final class RotateKey extends NamedIntegration {

    @Mixin HyrosKeyInput key;

    @Override
    protected int run() {
      ObjectNode body = object().put("hyrosApiKey", key.read(cli(), id));
      JsonNode integration = api().put(path(id) + "/key", body);
      return printResult(
          integration,
          "Stored the new Hyros key of "
              + id
              + ofAccount(integration)
              + "; it is now "
              + Json.text(integration, "status")
              + "."
              + ifUnchecked(integration));
    }
  }
}
