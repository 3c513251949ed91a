package io.convgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code convgate events}: publishing CloudEvents through the admin API. */
@Command(
    name = "events",
    header = "Publish CloudEvents over HTTP.",
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Events: CloudEvents sent over HTTP instead of Kafka, validated exactly as on the Kafka"
          + " path (docs/event-contract.md).",
      ""
    },
    subcommands = {EventsCommand.Send.class},
    footerHeading = "%nExample:%n",
    footer = {"  convgate events send sale.json"})
final class EventsCommand {

  @Mixin HelpOption help;

  @Command(
      name = "send",
      header = "Publish the CloudEvent(s) of a JSON file.",
      exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Publishes the CloudEvent in a JSON file (one object) or a batch (a JSON array) to"
            + " convgate's input topic; from there they are delivered like any other. All are"
            + " validated first: if one is invalid, none is published and each problem is"
            + " printed as '<pointer>: <message>' (pointers of a batch start with the event's"
            + " index). Prints the ids accepted.",
        "",
        "Use it to test an integration end to end or to send again events fixed by hand. An"
            + " event already delivered (same id) is skipped, not sent twice.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  convgate events send docs/examples/sale-completed.json",
        "  jq '[.[] | select(.type == \"sale.completed\")]' batch.json \\",
        "      | convgate events send -"
      })
  static final class Send extends CliCommand {

    private static final Pattern INDEX = Pattern.compile("^/(\\d{1,9})(/.*)?$");

    @Parameters(
        paramLabel = "<file.json>",
        description = "The file with one CloudEvent or an array of them; - reads stdin.")
    String file;

    @Override
    protected int run() {
      byte[] content = read();
      JsonNode events;
      try {
        events = mapper().readTree(content);
      } catch (JsonProcessingException e) {
        throw new UsageFailure(file + " is not JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new UsageFailure("cannot read " + file + ": " + e.getMessage());
      }
      if (events == null || !(events.isObject() || events.isArray())) {
        throw new UsageFailure(file + " holds neither a CloudEvent object nor an array of them");
      }
      String contentType =
          events.isArray() ? "application/cloudevents-batch+json" : "application/cloudevents+json";
      JsonNode answer;
      try {
        answer = api().send("POST", "/api/v1/events", Map.of(), content, contentType);
      } catch (ApiException e) {
        printApiError(withEventIds(e, events));
        return ConvgateCli.EXIT_API_ERROR;
      }
      return printAnswer(answer, () -> printAccepted(answer.path("accepted")));
    }

    private void printAccepted(JsonNode accepted) {
      out()
          .println(
              "Accepted " + accepted.size() + " event" + (accepted.size() == 1 ? "" : "s") + ":");
      for (JsonNode id : accepted) {
        out().println("  " + id.asText());
      }
    }

    private byte[] read() {
      try {
        if (file.equals("-")) {
          InputStream in = cli().stdin();
          return in.readAllBytes();
        }
        return Files.readAllBytes(Path.of(file));
      } catch (NoSuchFileException e) {
        throw new UsageFailure("no such file: " + file);
      } catch (IOException e) {
        throw new UsageFailure("cannot read " + file + ": " + e.getMessage());
      }
    }

    /** In a batch, "/3/data/email" is easier to act on with the id of event 3 next to it. */
    private static ApiException withEventIds(ApiException e, JsonNode events) {
      if (!events.isArray() || e.fieldErrors().isEmpty()) {
        return e;
      }
      java.util.List<ApiException.FieldError> named = new java.util.ArrayList<>();
      for (ApiException.FieldError fieldError : e.fieldErrors()) {
        Matcher index = INDEX.matcher(fieldError.pointer());
        String pointer = fieldError.pointer();
        if (index.matches()) {
          JsonNode event = events.path(Integer.parseInt(index.group(1)));
          if (event.hasNonNull("id")) {
            pointer = pointer + " (event " + event.path("id").asText() + ")";
          }
        }
        named.add(new ApiException.FieldError(pointer, fieldError.message()));
      }
      return new ApiException(e.status(), e.error(), e.getMessage(), e.permission(), named);
    }
  }
}
