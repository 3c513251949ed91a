package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convgate routes}: which integrations events go to by what they say (decision 0053). */
@Command(
    name = "routes",
    header = "Send events to integrations by source, type or a data field.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Routes: an event goes to the integration its 'integration' attribute names, if any, and"
          + " to the targets of every enabled route that matches it, each integration once. A"
          + " route matches on source (exact, or a prefix ending in *), on types, and on one"
          + " data field equal to a text. An event that names no integration and that no route"
          + " takes is dead-lettered as no-route.",
      "",
      "Changes are routing on every instance within convgate.routes.poll-interval (2 s by"
          + " default), and are audited.",
      ""
    },
    subcommands = {
      RoutesCommand.ListCommand.class,
      RoutesCommand.Add.class,
      RoutesCommand.Set.class,
      RoutesCommand.Remove.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate routes list",
      "  convgate routes add --id eur-sales --source 'billing/*' --type sale.completed \\",
      "      --field /currency --value EUR --to shop-eu",
      "  convgate routes set eur-sales --enabled false",
      "  convgate routes rm eur-sales"
    })
final class RoutesCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/routes";

  static String path(String id) {
    return PATH + "/" + AdminClient.segment(id);
  }

  static String matches(JsonNode route) {
    String source = Json.text(route, "source");
    String types = Json.joined(route.path("types"));
    String field = Json.text(route, "field");
    return "source "
        + (source == null ? "any" : source)
        + ", type "
        + (types == null || types.isEmpty() ? "any" : types)
        + (field == null ? "" : ", data " + field + " = " + Json.text(route, "value"));
  }

  static void print(PrintWriter out, JsonNode route) {
    out.println(
        "Route "
            + Json.text(route, "id")
            + (route.path("enabled").asBoolean() ? "" : " (disabled)")
            + ": "
            + matches(route)
            + " -> "
            + Json.joined(route.path("targets")));
  }

  /** Options shared by add and set: what a route matches and where it sends. */
  static final class RouteOptions {

    @Option(names = "--name", paramLabel = "<name>", description = "A name for people.")
    String name;

    @Option(
        names = "--source",
        paramLabel = "<source>",
        description = "The event source: exact, a prefix ending in *, or * for any.")
    String source;

    @Option(
        names = "--type",
        paramLabel = "<type>",
        description = "An event type it takes (repeat for several; * or none for any).")
    List<String> types;

    @Option(
        names = "--field",
        paramLabel = "<pointer>",
        description = "A JSON pointer into data, e.g. /currency; needs --value.")
    String field;

    @Option(
        names = "--value",
        paramLabel = "<text>",
        description = "The text the --field must equal.")
    String value;

    @Option(
        names = "--to",
        paramLabel = "<integration>",
        description = "A target integration id (repeat for several, in order).")
    List<String> targets;

    @Option(
        names = "--enabled",
        arity = "1",
        paramLabel = "<true|false>",
        description = "Whether it routes (default true when added).")
    Boolean enabled;

    void into(ObjectNode body) {
      if (name != null) {
        body.put("name", name);
      }
      if (source != null) {
        body.put("source", source);
      }
      if (types != null) {
        ArrayNode array = body.putArray("types");
        types.forEach(array::add);
      }
      if (field != null) {
        body.put("field", field.isEmpty() ? null : field);
      }
      if (value != null) {
        body.put("value", value.isEmpty() ? null : value);
      }
      if (targets != null) {
        ArrayNode array = body.putArray("targets");
        targets.forEach(array::add);
      }
      if (enabled != null) {
        body.put("enabled", enabled.booleanValue());
      }
    }
  }

  @Command(
      name = "list",
      header = "List routes: what each matches and where it sends.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      usageHelpAutoWidth = true,
      description = {"Lists every route, enabled or not, by id. Changes nothing.", ""},
      footerHeading = "%nExample:%n",
      footer = {"  convgate routes list"})
  static final class ListCommand extends CliCommand {

    @Override
    protected int run() {
      return printItems(
          PATH,
          "No routes: events go to the integration they name. Add one with: convgate routes add"
              + " --help",
          new Table("ID", "ENABLED", "MATCHES", "TARGETS", "NAME").cutFirst("NAME", "MATCHES"),
          route ->
              new Object[] {
                Json.text(route, "id"),
                Json.text(route, "enabled"),
                matches(route),
                Json.joined(route.path("targets")),
                Json.text(route, "name")
              });
    }
  }

  @Command(
      name = "add",
      header = "Add a route.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Adds a route: events that match go to its --to integrations too (each must exist and"
            + " not be retired).",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {
        "  convgate routes add --id crm-leads --source crm/hubspot --type lead.upserted \\",
        "      --to shop-eu --to shop-us"
      })
  static final class Add extends CliCommand {

    @Option(
        names = "--id",
        required = true,
        paramLabel = "<id>",
        description = "1-64 characters of a-z 0-9 . _ -")
    String id;

    @Mixin RouteOptions route;

    @Override
    protected int run() {
      ObjectNode body = object().put("id", id);
      route.into(body);
      JsonNode created = api().post(PATH, body);
      return printAnswer(created, () -> print(out(), created));
    }
  }

  @Command(
      name = "set",
      header = "Change a route: only the options given change.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Changes what a route matches, where it sends, or whether it is enabled. --field ''"
            + " removes the data condition; --type '*' takes every type.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate routes set crm-leads --enabled false",
        "  convgate routes set crm-leads --to shop-eu"
      })
  static final class Set extends CliCommand {

    @Parameters(paramLabel = "<id>", description = "The route's id.")
    String id;

    @Mixin RouteOptions route;

    @Override
    protected int run() {
      ObjectNode body = object();
      route.into(body);
      if (route.field != null && route.field.isEmpty() && route.value == null) {
        body.putNull("value");
      }
      JsonNode changed = api().patch(path(id), body);
      return printAnswer(changed, () -> print(out(), changed));
    }
  }

  @Command(
      name = "rm",
      header = "Delete a route.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      usageHelpAutoWidth = true,
      description = {
        "Deletes a route: events it took go only where they or other routes say; those that"
            + " go nowhere are dead-lettered as no-route.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate routes rm crm-leads"})
  static final class Remove extends CliCommand {

    @Parameters(paramLabel = "<id>", description = "The route's id.")
    String id;

    @Override
    protected int run() {
      JsonNode deleted = api().delete(path(id));
      return printAnswer(
          deleted,
          () -> {
            out().print("Deleted. ");
            print(out(), deleted);
          });
    }
  }
}
