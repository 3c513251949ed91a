package io.convgate.testkit.sandbox;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The sandbox's stand-in for Hyros' "connect" button, so the connect-by-code flow can be walked
 * from a browser or curl: {@code GET /_sandbox/connect} shows a form (account email and roles),
 * {@code GET /_sandbox/connect/approve} issues a one-time code for that account and redirects the
 * browser to the partner's registered address with {@code ?code=...}, as Hyros does. The address is
 * the one registered with {@link HyrosSandbox#connectRedirectsTo}, or a {@code redirect_uri}
 * parameter.
 */
final class ConnectButton {

  static final String PAGE = "/_sandbox/connect";
  static final String APPROVE = PAGE + "/approve";

  private final HyrosSandbox sandbox;

  ConnectButton(HyrosSandbox sandbox) {
    this.sandbox = sandbox;
  }

  void route(Router router) {
    router.get(PAGE).handler(this::page);
    router.get(APPROVE).handler(this::approve);
  }

  private void page(RoutingContext ctx) {
    String redirect = redirect(ctx);
    String body =
        redirect == null
            ? "<p>No address to send the code to: the sandbox has none registered. Add"
                + " <code>?redirect_uri=&lt;convgate&gt;/integrations/hyros</code>.</p>"
            : "<p>Connecting an account sends this browser to <code>"
                + html(redirect)
                + "</code> with a one-time code (valid once, for 5 minutes).</p>"
                + "<form method=\"get\" action=\""
                + APPROVE
                + "\"><input type=\"hidden\" name=\"redirect_uri\" value=\""
                + html(redirect)
                + "\"><p><label>Account email <input name=\"email\""
                + " value=\"owner@sandbox.example\"></label></p><p><label>Roles (comma-separated)"
                + " <input name=\"roles\" value=\"API\"></label></p><p><button"
                + " type=\"submit\">Connect</button></p></form>";
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hyros"
                + " sandbox: connect</title></head><body><h1>Hyros sandbox: connect an account"
                + " to convgate</h1>"
                + body
                + "</body></html>");
  }

  private void approve(RoutingContext ctx) {
    String redirect = redirect(ctx);
    if (redirect == null) {
      ctx.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("no redirect_uri given and none registered with the sandbox\n");
      return;
    }
    String email = ctx.request().getParam("email", "owner@sandbox.example");
    List<String> roles =
        Arrays.stream(ctx.request().getParam("roles", "API").split(","))
            .map(String::strip)
            .filter(role -> !role.isEmpty())
            .toList();
    String code = sandbox.issueConnectCode(email, roles, Duration.ZERO);
    ctx.response()
        .setStatusCode(302)
        .putHeader(
            "Location",
            redirect
                + (redirect.contains("?") ? "&" : "?")
                + "code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8))
        .end();
  }

  private String redirect(RoutingContext ctx) {
    String given = ctx.request().getParam("redirect_uri");
    return given != null && !given.isBlank() ? given : sandbox.connectRedirect();
  }

  private static String html(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
