package io.convgate.integration;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The small HTML pages of the connect flow: one heading, one paragraph, nothing fetched. */
final class HtmlPage {

  private HtmlPage() {}

  static Response page(int status, String title, String body) {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>convgate: "
            + html(title)
            + "</title><meta name=\"viewport\" content=\"width=device-width\"><style>body{font:16px"
            + " system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em}code{background:#eee;"
            + "padding:0 .2em}</style></head><body><h1>"
            + html(title)
            + "</h1><p>"
            + body
            + "</p></body></html>";
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .entity(html)
        .build();
  }

  static String html(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
