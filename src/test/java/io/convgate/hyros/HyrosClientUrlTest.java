package io.convgate.hyros;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Hyros base URL is read once at start-up: a URL it cannot use stops the start. */
class HyrosClientUrlTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void refusesUrlsThatWouldSendTheKeySomewhereElse() {
    for (String url :
        new String[] {
          "htps://api.hyros.com/v1", // a typo must not mean plain HTTP
          "http://hyros_mock:8080", // a host java.net.URI cannot read must not mean localhost
          "api.hyros.com/v1",
          "https://api.hyros.com/v1?key=x",
          "https://api.hyros.com/v1#top"
        }) {
      assertThatThrownBy(() -> client(url))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("quarkus.rest-client.hyros.url");
    }
  }

  @Test
  void acceptsHttpAndHttpsBaseUrls() {
    for (String url :
        new String[] {
          "https://api.hyros.com/v1",
          "https://api.hyros.com/v1/",
          "http://127.0.0.1:8089",
          "HTTPS://[::1]:8443"
        }) {
      assertThatCode(() -> client(url).close()).as(url).doesNotThrowAnyException();
    }
  }

  private HyrosClient client(String url) {
    return new HyrosClient(null, new ObjectMapper(), vertx, url, 1000, 1000, 2);
  }
}
