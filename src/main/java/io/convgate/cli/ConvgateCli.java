package io.convgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.support.HttpUrls;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code convgate}: the operator's command line, a client of the admin API (docs/admin-api.md). A
 * plain {@code main}; it does not start Quarkus.
 */
@Command(
    name = "convgate",
    mixinStandardHelpOptions = true,
    versionProvider = ConvgateCli.Version.class,
    exitCodeOnInvalidInput = ConvgateCli.EXIT_USAGE,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "The operator's command line for convgate: look at and replay dead letters, manage"
          + " integrations (Hyros accounts) and gateway API keys, send events.",
      "",
      "It is a client of the admin API of a running convgate (docs/admin-api.md): give it the"
          + " address (--url or CONVGATE_URL) and a gateway API key (CONVGATE_API_KEY). Every"
          + " command explains itself: convgate <command> <subcommand> --help.",
      ""
    },
    subcommands = {
      DeadLettersCommand.class,
      ReplaysCommand.class,
      IntegrationsCommand.class,
      RoutesCommand.class,
      KeysCommand.class,
      EventsCommand.class,
      AuditCommand.class,
      SyncCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nEveryday tasks:%n",
    footer = {
      "  What is stuck, and why?",
      "    convgate dead-letters list --state OPEN",
      "    convgate dead-letters show 42",
      "  Send dead letters again once the cause is fixed (plan first):",
      "    convgate dead-letters replay --integration shop-eu --reason hyros-rejected \\",
      "        --dry-run",
      "    convgate dead-letters replay --integration shop-eu --reason hyros-rejected",
      "  Drop a dead letter that must never be sent:",
      "    convgate dead-letters discard 42 --reason \"test order\"",
      "  Hyros refuses an integration's key (alert ConvgateAuthFailure):",
      "    convgate integrations rotate-key shop-eu",
      "  Hold an integration's deliveries, then let them go:",
      "    convgate integrations pause shop-eu",
      "    convgate integrations resume shop-eu",
      "  Give a service its own key:",
      "    convgate keys create --name billing --kind RESTRICTED \\",
      "        --permission events:write --owner-type MACHINE --owner billing-service",
      "",
      "Environment:",
      "  CONVGATE_URL      address of convgate (default " + ConvgateCli.DEFAULT_URL + ")",
      "  CONVGATE_API_KEY  the gateway API key, cgw_..., sent as Authorization: Bearer",
      "  COLUMNS           width tables are cut to (bin/convgate sets it at a terminal;"
          + " default "
          + ConvgateCli.DEFAULT_WIDTH
          + ")",
      "",
      "Exit codes:",
      "  0  done",
      "  1  wrong usage: unknown option, missing value, no key, not confirmed",
      "  2  the API answered with an error (4xx/5xx); the message says why",
      "  3  a replay finished with failures or was interrupted",
      "  4  convgate could not be reached at the URL"
    })
public class ConvgateCli {

  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = 1;
  public static final int EXIT_API_ERROR = 2;
  public static final int EXIT_FAILURES = 3;
  public static final int EXIT_CANNOT_CONNECT = 4;

  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  /**
   * The width tables are cut to when COLUMNS does not say (a pipe, a script): wide enough for every
   * table's fixed columns, narrow enough that no line runs away.
   */
  static final int DEFAULT_WIDTH = 160;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "<url>",
      description = "Address of convgate's HTTP port. Default: CONVGATE_URL, else " + DEFAULT_URL)
  String url;

  @Option(
      names = "--api-key",
      scope = ScopeType.INHERIT,
      paramLabel = "<cgw_key>",
      description =
          "Gateway API key. Default: CONVGATE_API_KEY. Prefer the variable: arguments end up"
              + " in shell history and in ps.")
  String apiKey;

  @Option(
      names = "--output",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      converter = EnumConverter.Output.class,
      description = "text (tables, default) or json (the API's answers, for scripts).")
  OutputFormat output;

  @Option(
      names = "--no-trunc",
      scope = ScopeType.INHERIT,
      description =
          "Print table cells whole, however long. By default tables are cut to the terminal's"
              + " width (COLUMNS) with '…'; --output json is never cut.")
  boolean noTrunc;

  private final Map<String, String> env;
  private final InputStream stdin;
  private final Terminal terminal;
  private final Duration pollInterval;
  private final ObjectMapper json = new ObjectMapper();
  private final Secrets secrets = new Secrets();
  private AdminClient client;

  /** What {@link #main} runs with: the process' environment, stdin and console. */
  public ConvgateCli() {
    this(System.getenv(), System.in, Terminal.system(), Duration.ofSeconds(1));
  }

  /**
   * @param env where CONVGATE_URL and CONVGATE_API_KEY are read
   * @param stdin where {@code --key-stdin} and piped keys are read
   * @param terminal where keys are prompted for and confirmations asked
   * @param pollInterval how often a replay job is asked for its progress
   */
  public ConvgateCli(
      Map<String, String> env, InputStream stdin, Terminal terminal, Duration pollInterval) {
    this.env = Map.copyOf(env);
    this.stdin = stdin;
    this.terminal = terminal;
    this.pollInterval = pollInterval;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ConvgateCli()).execute(args));
  }

  String baseUrl() {
    if (url != null && !url.isBlank()) {
      return url.strip();
    }
    String fromEnv = env.get("CONVGATE_URL");
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_URL : fromEnv.strip();
  }

  /** The API client, for the URL and key given; fails with exit 1 when either is unusable. */
  AdminClient client() {
    if (client == null) {
      String base = baseUrl();
      URI uri;
      try {
        uri = new URI(base);
      } catch (Exception e) {
        throw new UsageFailure("not a URL: " + base + " (e.g. http://127.0.0.1:8080)");
      }
      if (!HttpUrls.isHttpWithHost(uri)) {
        throw new UsageFailure("not an http(s) URL: " + base + " (e.g. http://127.0.0.1:8080)");
      }
      String key = apiKey != null ? apiKey : env.get("CONVGATE_API_KEY");
      if (key == null || key.isBlank()) {
        throw new UsageFailure(
            "no API key: set CONVGATE_API_KEY (or pass --api-key) to a gateway key cgw_...");
      }
      key = key.strip();
      secrets.add(key);
      client = new AdminClient(base, key, json);
    }
    return client;
  }

  OutputFormat output() {
    return output == null ? OutputFormat.text : output;
  }

  /**
   * The width of a table's lines: COLUMNS, else {@link #DEFAULT_WIDTH}; unlimited with --no-trunc.
   */
  int width() {
    if (noTrunc) {
      return Table.UNLIMITED;
    }
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        int width = Integer.parseInt(columns.strip());
        if (width > 0) {
          return width;
        }
      } catch (NumberFormatException notANumber) {
        // the default below
      }
    }
    return DEFAULT_WIDTH;
  }

  ObjectMapper json() {
    return json;
  }

  InputStream stdin() {
    return stdin;
  }

  Terminal terminal() {
    return terminal;
  }

  Duration pollInterval() {
    return pollInterval;
  }

  /** Remembers a secret (a Hyros key read from stdin) so no message ever prints it. */
  void secret(String value) {
    secrets.add(value);
  }

  /** {@code text} with every secret this run knows masked (see {@link Secrets#redact}). */
  String redact(String text) {
    return secrets.redact(text);
  }

  /** {@code -V}: the version of the application jar, when packaged. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ConvgateCli.class.getPackage().getImplementationVersion();
      return new String[] {"convgate CLI " + (version == null ? "(development build)" : version)};
    }
  }
}
