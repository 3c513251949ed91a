package io.convgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that calls the admin API. Maps what can go wrong to the exit codes of {@link
 * ConvgateCli}: an API error body to 2, no connection to 4, an operator mistake to 1.
 */
abstract class CliCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  /** Runs the command; the exit code for a normal end. */
  protected abstract int run();

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (ApiException e) {
      printApiError(e);
      return ConvgateCli.EXIT_API_ERROR;
    } catch (CannotConnectException e) {
      err()
          .println(
              "error: cannot connect to convgate at "
                  + e.url()
                  + ": "
                  + cli().redact(e.getMessage()));
      err().println("  is it running there? set the address with --url or CONVGATE_URL");
      return ConvgateCli.EXIT_CANNOT_CONNECT;
    } catch (UsageFailure e) {
      err().println("error: " + cli().redact(e.getMessage()));
      return ConvgateCli.EXIT_USAGE;
    } finally {
      out().flush();
      err().flush();
    }
  }

  protected ConvgateCli cli() {
    return (ConvgateCli) spec.root().userObject();
  }

  protected AdminClient api() {
    return cli().client();
  }

  protected ObjectMapper mapper() {
    return cli().json();
  }

  protected ObjectNode object() {
    return mapper().createObjectNode();
  }

  protected boolean jsonOutput() {
    return cli().output() == OutputFormat.json;
  }

  /** How wide a table's lines may be (see {@link ConvgateCli#width()}). */
  protected int width() {
    return cli().width();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The API's answer as it came, indented, for {@code --output json}. */
  protected void printJson(JsonNode node) {
    try {
      out().println(mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The API's answer: as it came with {@code --output json}, otherwise as {@code text} prints it.
   * The exit code for a normal end.
   */
  protected int printAnswer(JsonNode answer, Runnable text) {
    if (jsonOutput()) {
      printJson(answer);
    } else {
      text.run();
    }
    return ConvgateCli.EXIT_OK;
  }

  /**
   * {@code GET path}: its {@code items} as {@code table}, one {@code row} each, or {@code none}
   * when there are none.
   */
  protected int printItems(
      String path, String none, Table table, Function<JsonNode, Object[]> row) {
    JsonNode answer = api().get(path);
    return printAnswer(
        answer,
        () -> {
          JsonNode items = answer.path("items");
          if (items.size() == 0) {
            out().println(none);
            return;
          }
          for (JsonNode item : items) {
            table.row(row.apply(item));
          }
          table.print(out(), width());
        });
  }

  protected void printApiError(ApiException e) {
    ConvgateCli cli = cli();
    err().println("error: " + cli.redact(e.getMessage()));
    if (e.permission() != null) {
      err().println("needs permission: " + e.permission());
    }
    for (ApiException.FieldError fieldError : e.fieldErrors()) {
      err().println("  " + fieldError.pointer() + ": " + cli.redact(fieldError.message()));
    }
    if (e.status() == 401) {
      err()
          .println(
              "  the API key was not accepted: check CONVGATE_API_KEY or --api-key"
                  + " (a cgw_... key that is not revoked)");
    }
  }
}
