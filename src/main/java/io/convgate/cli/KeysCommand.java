package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code convgate keys}: the gateway API keys that open the admin API. */
@Command(
    name = "keys",
    header = "Manage the gateway API keys of people and services.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Gateway API keys (cgw_<id>_<secret>): every call to the admin API, this CLI's included,"
          + " carries one. A key is ALL (everything), READ_ONLY (every :read permission) or"
          + " RESTRICTED (only the permissions listed on it), and belongs to a PERSON (an"
          + " email) or a MACHINE user (a service name).",
      "",
      "Permissions are <resource>:<read|write> (write includes read) with resources"
          + " integrations, dead-letters, events, api-keys, metrics.",
      ""
    },
    subcommands = {
      KeysCommand.Create.class,
      KeysCommand.ListCommand.class,
      KeysCommand.Show.class,
      KeysCommand.Revoke.class,
      KeysCommand.Generate.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate keys create --name \"Ana (on call)\" --kind READ_ONLY \\",
      "      --owner-type PERSON --owner ana@example.com",
      "  convgate keys list",
      "  convgate keys revoke ab12cd34ef",
      "  convgate keys generate        (offline: the first admin key, see below)"
    })
final class KeysCommand {

  @Mixin HelpOption help;

  static final String PATH = "/api/v1/api-keys";

  /** Kinds of key. */
  enum Kind {
    ALL,
    READ_ONLY,
    RESTRICTED
  }

  /** Who holds a key. */
  enum OwnerType {
    PERSON,
    MACHINE
  }

  static void print(PrintWriter out, JsonNode key) {
    Table.fields(
        out,
        "  ",
        "id",
        Json.text(key, "id"),
        "prefix",
        Json.text(key, "prefix"),
        "name",
        Json.text(key, "name"),
        "kind",
        Json.text(key, "kind"),
        "permissions",
        Json.joined(key.path("permissions")),
        "owner",
        Json.text(key, "ownerType") + " " + Json.text(key, "owner"),
        "created",
        Json.text(key, "createdAt") + " by " + Json.text(key, "createdBy"),
        "last used",
        Json.text(key, "lastUsedAt"),
        "revoked",
        Json.text(key, "revokedAt"));
  }

  /** Base for the commands about one key named by its id. */
  abstract static class OneKey extends CliCommand {

    @Parameters(paramLabel = "<id>", description = "The key's id (10 characters, as listed).")
    String id;

    String path() {
      return PATH + "/" + AdminClient.segment(id);
    }
  }

  @Command(
      name = "create",
      header = "Create a key; its secret is printed once.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Creates a gateway API key for a person or a service. The key itself (cgw_...) is"
            + " printed once, alone on stdout, so it can be piped into a secret manager; the"
            + " details and a warning go to stderr. convgate keeps only a hash: it cannot be"
            + " shown again. Lost keys are revoked and replaced.",
        "",
        "Give each person and each service its own key with the least it needs, e.g. a"
            + " producer posting events: RESTRICTED with events:write.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate keys create --name billing --kind RESTRICTED \\",
        "      --permission events:write --owner-type MACHINE --owner billing-service",
        "  convgate keys create --name \"Ana\" --kind RESTRICTED \\",
        "      --permission dead-letters:write,integrations:read \\",
        "      --owner-type PERSON --owner ana@example.com"
      })
  static final class Create extends CliCommand {

    @Option(
        names = "--name",
        required = true,
        paramLabel = "<name>",
        description = "What the key is for, shown in lists and audit rows.")
    String name;

    @Option(
        names = "--kind",
        required = true,
        paramLabel = "<kind>",
        converter = EnumConverter.Kind.class,
        description = "${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(
        names = "--permission",
        paramLabel = "<resource:access>",
        split = ",",
        description =
            "A permission of a RESTRICTED key, e.g. dead-letters:write; repeat it or separate"
                + " with commas.")
    List<String> permissions = new ArrayList<>();

    @Option(
        names = "--owner-type",
        required = true,
        paramLabel = "<type>",
        converter = EnumConverter.OwnerType.class,
        description = "${COMPLETION-CANDIDATES}.")
    OwnerType ownerType;

    @Option(
        names = "--owner",
        required = true,
        paramLabel = "<owner>",
        description = "An email for a PERSON, a service name for a MACHINE.")
    String owner;

    @Override
    protected int run() {
      if (kind == Kind.RESTRICTED && permissions.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "a RESTRICTED key needs at least one --permission");
      }
      if (kind != Kind.RESTRICTED && !permissions.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--permission applies to RESTRICTED keys only; a " + kind + " key has its own");
      }
      ObjectNode body = object().put("name", name).put("kind", kind.name());
      if (!permissions.isEmpty()) {
        ArrayNode array = body.putArray("permissions");
        permissions.forEach(permission -> array.add(permission.strip()));
      }
      body.put("ownerType", ownerType.name()).put("owner", owner);
      JsonNode key = api().post(PATH, body);
      if (jsonOutput()) {
        printJson(key);
        err()
            .println(
                "warning: the \"secret\" above is the key; it cannot be shown again. Store it now.");
        return ConvgateCli.EXIT_OK;
      }
      err().println("Created key " + Json.text(key, "id") + ":");
      KeysCommand.print(err(), key);
      out().println(Json.text(key, "secret"));
      out().flush();
      err()
          .println(
              "warning: the line above is the key. Store it now (e.g. in your secret manager):"
                  + " it cannot be shown again.");
      return ConvgateCli.EXIT_OK;
    }
  }

  @Command(
      name = "list",
      header = "List keys (never their secrets).",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Lists gateway API keys (never their secrets) as a table: id, prefix, name, kind,"
            + " permissions, owner, creator, last use, revocation. Use it to find unused or"
            + " over-privileged keys. Changes nothing.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate keys list"})
  static final class ListCommand extends CliCommand {

    @Override
    protected int run() {
      return printItems(
          PATH,
          "No keys.",
          new Table(
              "ID",
              "PREFIX",
              "NAME",
              "KIND",
              "PERMISSIONS",
              "OWNER",
              "CREATED-BY",
              "LAST-USED",
              "REVOKED"),
          key ->
              new Object[] {
                Json.text(key, "id"),
                Json.text(key, "prefix"),
                Json.text(key, "name"),
                Json.text(key, "kind"),
                Json.joined(key.path("permissions")),
                Json.text(key, "ownerType") + " " + Json.text(key, "owner"),
                Json.text(key, "createdBy"),
                Json.text(key, "lastUsedAt"),
                Json.text(key, "revokedAt")
              });
    }
  }

  @Command(
      name = "show",
      header = "Show one key (never its secret).",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {"Shows one gateway API key (never its secret). Changes nothing.", ""},
      footerHeading = "%nExample:%n",
      footer = {"  convgate keys show ab12cd34ef"})
  static final class Show extends OneKey {

    @Override
    protected int run() {
      JsonNode key = api().get(path());
      return printAnswer(
          key,
          () -> {
            out().println("Key " + Json.text(key, "id"));
            KeysCommand.print(out(), key);
          });
    }
  }

  @Command(
      name = "revoke",
      header = "Revoke a key at once and for good.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Revokes a gateway API key at once and for good: every later call with it gets 401."
            + " Whoever used it (a person, a service) needs a new key first, or stops working."
            + " Use it when a key leaked, its owner left, or a service is retired.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate keys revoke ab12cd34ef"})
  static final class Revoke extends OneKey {

    @Override
    protected int run() {
      JsonNode key = api().delete(path());
      return printAnswer(
          key,
          () ->
              out()
                  .println(
                      "Revoked key "
                          + Json.text(key, "id")
                          + " ("
                          + Json.text(key, "name")
                          + ") at "
                          + Json.text(key, "revokedAt")
                          + "."));
    }
  }

  @Command(
      name = "generate",
      header = "Make a new key offline, for bootstrapping the first admin key.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Prints a fresh key (cgw_...) made on this machine, without calling convgate. Use it"
            + " once per deployment, to bootstrap the first admin key:",
        "",
        "  1. convgate keys generate > admin.key   (keep it in your secret store)",
        "  2. give it to convgate as CONVGATE_API_BOOTSTRAP_KEY and start it; while no key"
            + " exists, convgate stores its hash as an ALL key owned by MACHINE 'bootstrap'",
        "  3. with it, create named keys for people and services (keys create)",
        "  4. revoke it (keys revoke <its id>) and remove CONVGATE_API_BOOTSTRAP_KEY",
        "",
        "Once any key exists, convgate ignores the setting, so a leaked bootstrap value cannot"
            + " mint access later.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  convgate keys generate > admin.key && chmod 600 admin.key"})
  static final class Generate extends CliCommand {

    @Override
    protected int run() {
      out().println(io.convgate.apikey.KeyFormat.generate().whole());
      return ConvgateCli.EXIT_OK;
    }
  }
}
