package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code convgate dead-letters list}: a page of dead letters, or all of them, as a table. */
@Command(
    name = "list",
    header = "List dead letters as a table (filters, pages).",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Lists dead letters, newest first as the API returns them, as a table: id, state,"
          + " integration, event, stage, reason code, Hyros' HTTP status, when, replay count"
          + " and the reason text. Changes nothing.",
      "",
      "One page is shown (--limit rows, the server's default otherwise); when there are"
          + " more, the last line says how to get them: --all follows the pages to the end,"
          + " --after continues from where a page stopped.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  convgate dead-letters list --state OPEN",
      "  convgate dead-letters list --integration shop-eu --reason hyros-rejected \\",
      "      --http-status 400",
      "  convgate dead-letters list --from 2026-11-23T00:00:00Z \\",
      "      --to 2026-11-23T12:00:00Z --all",
      "  convgate dead-letters list --state OPEN --all --output json \\",
      "      | jq '.items[].id'"
    })
final class DeadLettersList extends CliCommand {

  @Mixin DeadLetterFilter filter;

  @Option(
      names = "--limit",
      paramLabel = "<n>",
      description = "Rows per page (with --all: per request).")
  Integer limit;

  @Option(
      names = "--after",
      paramLabel = "<cursor>",
      description = "Start after this cursor: the 'next' value a previous page printed.")
  String after;

  @Option(names = "--all", description = "Follow 'next' until the last page.")
  boolean all;

  @Override
  protected int run() {
    if (limit != null && limit <= 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be a positive number");
    }
    List<JsonNode> items = new ArrayList<>();
    String cursor = after;
    String next;
    while (true) {
      Map<String, String> query = new LinkedHashMap<>(filter.query());
      if (limit != null) {
        query.put("limit", limit.toString());
      }
      if (cursor != null) {
        query.put("after", cursor);
      }
      JsonNode page = api().get(DeadLettersCommand.PATH, query);
      page.path("items").forEach(items::add);
      next = Json.text(page, "next");
      if (!all || next == null || next.equals(cursor)) {
        break;
      }
      cursor = next;
    }
    if (all) {
      next = null;
    }
    if (jsonOutput()) {
      ObjectNode result = object();
      ArrayNode array = result.putArray("items");
      items.forEach(array::add);
      result.put("next", next);
      printJson(result);
      return ConvgateCli.EXIT_OK;
    }
    if (items.isEmpty()) {
      out()
          .println(
              "No dead letters" + (filter.isEmpty() ? "." : " match " + filter.describe() + "."));
      return ConvgateCli.EXIT_OK;
    }
    Table table =
        new Table(
                "ID",
                "STATE",
                "INTEGRATION",
                "EVENT",
                "TYPE",
                "STAGE",
                "REASON",
                "HTTP",
                "DEAD-LETTERED",
                "REPLAYS",
                "DETAIL")
            // What producers wrote (ids, types) and the reason text can be any length.
            .cutFirst("DETAIL", "EVENT", "TYPE", "INTEGRATION");
    for (JsonNode item : items) {
      table.row(
          Json.text(item, "id"),
          Json.text(item, "state"),
          Json.text(item, "integration"),
          Json.text(item, "eventId"),
          Json.text(item, "eventType"),
          Json.text(item, "stage"),
          Json.text(item, "reasonCode"),
          Json.text(item, "httpStatus"),
          Json.text(item, "deadLetteredAt"),
          Json.text(item, "replayCount"),
          DeadLettersCommand.reasonText(item));
    }
    table.print(out(), width());
    out().println(items.size() + " dead letter" + (items.size() == 1 ? "" : "s") + ".");
    if (next != null) {
      out().println("More: add --after " + next + " for the next page, or --all for every page.");
    }
    return ConvgateCli.EXIT_OK;
  }
}
