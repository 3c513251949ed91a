package io.convgate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The admin API as docs/admin-api.md describes it, played by a JDK HTTP server on an ephemeral
 * port: answers are set per method and path, every request is recorded.
 */
final class FakeAdminApi implements AutoCloseable {

  /** A request as the server received it. */
  record Request(
      String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    /** The decoded query, in order. */
    Map<String, String> query() {
      Map<String, String> query = new LinkedHashMap<>();
      if (rawQuery == null || rawQuery.isEmpty()) {
        return query;
      }
      for (String pair : rawQuery.split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
      return query;
    }
  }

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();

  FakeAdminApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers {@code method path} with this status and JSON body. Several calls queue answers in
   * order; the last one is repeated.
   */
  FakeAdminApi answer(String method, String path, int status, String body) {
    answers
        .computeIfAbsent(method + " " + path, key -> new ArrayDeque<>())
        .add(new Answer(status, body));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(request -> request.method().equals(method) && request.path().equals(path))
        .collect(Collectors.toList());
  }

  Request only(String method, String path) {
    List<Request> matching = requests(method, path);
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one " + method + " " + path + " but got " + matching.size() + ": " + requests);
    }
    return matching.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            method,
            path,
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Deque<Answer> queue = answers.get(method + " " + path);
    Answer answer;
    if (queue == null) {
      answer =
          new Answer(
              404,
              "{\"status\":404,\"error\":\"not-found\",\"message\":\"no such resource: "
                  + path
                  + "\"}");
    } else {
      synchronized (queue) {
        answer = queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
