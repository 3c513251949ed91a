package io.convgate.integration;

import static io.convgate.integration.HtmlPage.html;
import static io.convgate.integration.HtmlPage.page;

import io.convgate.audit.AuditLog;
import io.convgate.hyros.CodeExchange;
import io.convgate.hyros.HyrosAccounts;
import io.convgate.hyros.HyrosDestination;
import io.convgate.integration.ConnectLinks.Completed;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The pages a person's browser sees when connecting a Hyros account by code. Hyros redirects the
 * browser to {@code /integrations/hyros?code=...}; convgate completes it only for a browser that
 * opened a live connect link first (its cookie), so a third party cannot attach their own Hyros
 * account by sending someone a crafted URL. See docs/operations.md#connecting-a-hyros-account.
 */
@Path("/integrations/hyros")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Connect", description = "Browser pages of the connect-by-code flow")
public class ConnectPage {

  static final String COOKIE = "convgate_connect";
  private static final Logger LOGGER = Logger.getLogger(ConnectPage.class);

  private final ConnectLinks links;
  private final HyrosAccounts hyros;
  private final IntegrationRows rows;
  private final Pool pool;
  private final AuditLog audit;
  private final ConnectConfig config;
  private final Clock clock;

  public ConnectPage(
      ConnectLinks links,
      HyrosAccounts hyros,
      IntegrationRows rows,
      Pool pool,
      AuditLog audit,
      ConnectConfig config,
      Clock clock) {
    this.links = links;
    this.hyros = hyros;
    this.rows = rows;
    this.pool = pool;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  @GET
  @Path("start")
  @Operation(summary = "Opens a connect link: this browser may then connect one Hyros account")
  public Uni<Response> start(@QueryParam("link") String token) {
    return links
        .live(token)
        .map(
            pending -> {
              if (pending.isEmpty()) {
                return page(
                    410,
                    "This connect link cannot be used",
                    "It has expired or was used already. Ask for a new one: <code>convgate"
                        + " integrations connect-link &lt;id&gt;</code>.");
              }
              String hyrosStep =
                  config
                      .hyrosConnectUrl()
                      .map(url -> "<a href=\"" + html(url) + "\">Open Hyros</a> and click")
                      .orElse("In Hyros, click");
              return Response.fromResponse(
                      page(
                          200,
                          "Ready to connect a Hyros account",
                          "This browser may now connect one Hyros account to integration <b>"
                              + html(pending.get().integrationId())
                              + "</b>. "
                              + hyrosStep
                              + " <i>connect</i> for convgate within "
                              + config.linkTtl().toMinutes()
                              + " minutes; Hyros brings you back here."))
                  .cookie(cookie(token, (int) config.linkTtl().toSeconds()))
                  .build();
            });
  }

  @GET
  @Operation(summary = "Where Hyros sends the browser with a one-time code")
  public Uni<Response> connect(@QueryParam("code") String code, @CookieParam(COOKIE) String token) {
    if (code == null || code.isBlank() || code.length() > 256) {
      return Uni.createFrom()
          .item(
              page(
                  400,
                  "No connect code",
                  "This page is where Hyros sends you after you click <i>connect</i>; the address"
                      + " must carry <code>?code=...</code>. Click connect in Hyros again."));
    }
    return links
        .live(token)
        .chain(
            pending -> {
              if (pending.isEmpty()) {
                return links
                    .completedBy(code)
                    .map(done -> done.map(this::completed).orElseGet(ConnectPage::notStarted));
              }
              return exchange(code, token, pending.get());
            });
  }

  /** The page reloaded after its code completed a connection: say so, change nothing. */
  private Response completed(Completed done) {
    return page(
        200,
        "Hyros account already connected",
        "This code completed the connection of integration <b>"
            + html(done.integrationId())
            + "</b> at "
            + html(done.at().toString())
            + "; it now delivers to the Hyros account <b>"
            + html(done.accountEmail() == null ? "(no email given)" : done.accountEmail())
            + "</b>. Nothing more to do; you can close this page.");
  }

  private static Response notStarted() {
    return page(
        403,
        "This browser did not start a connection",
        "convgate connects a Hyros account only for the browser that opened a connect link, within"
            + " its lifetime. Nothing was connected and the code was not used. Ask an operator for"
            + " a link (<code>convgate integrations connect-link &lt;id&gt;</code>), open it here,"
            + " then click connect in Hyros again.");
  }

  private Uni<Response> exchange(String code, String token, ConnectLinks.Pending pending) {
    String id = pending.integrationId();
    return hyros
        .exchange(code, "convgate " + id)
        .chain(
            result -> {
              if (result instanceof CodeExchange.Unreachable unreachable) {
                LOGGER.warnf(
                    "connect for integration %s: %s",
                    LogSafe.of(id), LogSafe.of(unreachable.reason(), LogSafe.TEXT));
                return Uni.createFrom()
                    .item(
                        page(
                            502,
                            "Hyros could not be reached",
                            html(unreachable.reason())
                                + ". Nothing was connected. Reload this page to try again: the"
                                + " code works for 5 minutes after you clicked connect."));
              }
              if (result instanceof CodeExchange.Refused refused) {
                String says =
                    refused.messages().isEmpty()
                        ? "it answered " + refused.status()
                        : String.join("; ", refused.messages());
                return recordRefusal(pending, says)
                    .replaceWith(
                        page(
                            400,
                            "Hyros did not accept this code",
                            "Hyros says: <b>"
                                + html(says)
                                + "</b>. A code works once, within 5 minutes of clicking"
                                + " connect. Nothing was connected; click connect in Hyros again"
                                + " (this browser's link stays valid)."));
              }
              return store((CodeExchange.Connected) result, code, token, pending);
            });
  }

  private Uni<Response> store(
      CodeExchange.Connected connected, String code, String token, ConnectLinks.Pending pending) {
    String id = pending.integrationId();
    KeyState account =
        KeyState.confirmed(
            new IntegrationView.Account(connected.email(), connected.roles()), clock.instant());
    return pool.withTransaction(
            tx ->
                links
                    .use(tx, token, code)
                    .chain(
                        used -> {
                          if (!used) {
                            return Uni.createFrom().item(false);
                          }
                          return rows.replaceKey(tx, id, connected.apiKey(), account)
                              .chain(
                                  replaced ->
                                      replaced
                                          ? Uni.createFrom().voidItem()
                                          : rows.insert(
                                              tx,
                                              new IntegrationRows.NewIntegration(
                                                  id,
                                                  pending.integrationName() == null
                                                      ? id
                                                      : pending.integrationName(),
                                                  HyrosDestination.KIND,
                                                  Map.of(),
                                                  null,
                                                  null),
                                              connected.apiKey(),
                                              account))
                              .replaceWith(true);
                        }))
        .chain(
            stored -> {
              if (!stored) {
                return Uni.createFrom()
                    .item(
                        page(
                            409,
                            "This connect link was used already",
                            "Another request completed the connection first. Check the"
                                + " integration with <code>convgate integrations show "
                                + html(id)
                                + "</code>."));
              }
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("account", connected.email());
              detail.put("roles", connected.roles());
              return audit
                  .record(
                      pending.createdBy() + " via connect link",
                      "integration.connect",
                      "integration " + id,
                      detail,
                      "ok")
                  .replaceWith(
                      Response.fromResponse(
                              page(
                                  200,
                                  "Hyros account connected",
                                  "Integration <b>"
                                      + html(id)
                                      + "</b> now delivers to the Hyros account <b>"
                                      + html(
                                          Optional.ofNullable(connected.email())
                                              .orElse("(no email given)"))
                                      + "</b> with the roles <b>"
                                      + html(String.join(", ", connected.roles()))
                                      + "</b>. The key is stored encrypted; you can close this"
                                      + " page."))
                          .cookie(cookie("", 0))
                          .build());
            });
  }

  private Uni<Void> recordRefusal(ConnectLinks.Pending pending, String says) {
    return audit.record(
        pending.createdBy() + " via connect link",
        "integration.connect",
        "integration " + pending.integrationId(),
        Map.of(),
        "refused by Hyros: " + says);
  }

  private NewCookie cookie(String value, int maxAge) {
    return new NewCookie.Builder(COOKIE)
        .value(value)
        .path("/integrations/hyros")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(config.publicUrl().startsWith("https://"))
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
