package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code convgate integrations}: the Hyros accounts convgate delivers to. */
@Command(
    name = "integrations",
    header = "Manage the Hyros accounts convgate delivers to.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Integrations: one per Hyros account, named by the id producers put in an event's"
          + " 'integration' attribute. Each has its Hyros API key (never shown), its status"
          + " (ACTIVE, PAUSED, AUTH_FAILED when Hyros refused the key) and optional rate"
          + " limits. While an integration is held its deliveries are parked, not lost.",
      "",
      "Changes reach the delivering instances within the integration cache's TTL (30 s by"
          + " default).",
      ""
    },
    subcommands = {
      IntegrationsCommand.ListCommand.class,
      IntegrationsCommand.Show.class,
      IntegrationsCommand.Create.class,
      IntegrationsCommand.Pause.class,
      IntegrationsCommand.Resume.class,
      IntegrationsCommand.RotateKey.class,
      IntegrationsCommand.SetLimits.class,
      IntegrationsCommand.ConnectLink.class,
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
  static final class Create extends OneIntegration {

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
      if (!ID.matcher(id).matches()) {
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
      JsonNode integration = api().post(PATH, body);
      return printResult(
          integration,
          "Created integration "
              + Json.text(integration, "id")
              + ofAccount(integration)
              + "."
              + ifUnchecked(integration));
    }

    private void positive(Integer value, String option) {
      if (value != null && value <= 0) {
        throw new ParameterException(spec.commandLine(), option + " must be a positive number");
      }
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
  static final class SetLimits extends NamedIntegration {

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
      JsonNode integration = api().patch(path(id), body);
      return printResult(
          integration,
          "Limits of "
              + id
              + ": "
              + limit(integration, "requestsPerSecond")
              + " a second, "
              + limit(integration, "requestsPerMinute")
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
  static final class ConnectLink extends CliCommand {

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
      JsonNode link = api().post(PATH + "/connect-links", body);
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
}
