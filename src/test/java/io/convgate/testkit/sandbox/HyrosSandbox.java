package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.support.JsonCustomizer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for the Hyros API that keeps its rules: the {@code API-Key} header, the body
 * rules and error messages of the Blueprint, 30 requests per second and 1,000 per minute per key
 * (configurable) with the {@code X-RateLimit-*} headers and 429 + {@code Retry-After}. It records
 * every request it accepts and injects faults on command. Control endpoints under {@code /_sandbox}
 * make the same available over HTTP for the local stack, and {@code /_sandbox/connect} plays Hyros'
 * "connect" button ({@link ConnectButton}).
 *
 * <p>Assumption beyond the Blueprint: a refund of an order the account never received is answered
 * 400 "Order not found", so a refund delivered before its sale is visible.
 */
public final class HyrosSandbox implements AutoCloseable {

  public static final String API_PREFIX = "/api/v1.0";

  /** The "key" a {@link Fault} names to hit the connect-code exchange, which has no API key. */
  public static final String CODE_EXCHANGE = "(connect-code exchange)";

  private static final String BODY = "sandbox.body";
  private static final Object NO_BODY = new Object();

  private final ObjectMapper json = JsonCustomizer.configure(new ObjectMapper());
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, String> accounts = new ConcurrentHashMap<>();
  private final Map<String, int[]> keyLimits = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> orders = new ConcurrentHashMap<>();
  private final Things things = new Things();
  private final Map<String, WindowCounter[]> limiters = new ConcurrentHashMap<>();
  private final List<Accepted> accepted = new ArrayList<>();
  private final RequestIds requestIds = new RequestIds();
  private volatile boolean recording = true;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger tooManyRequests = new AtomicInteger();
  private final Map<String, AtomicInteger> tooManyByKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> arrivedByKey = new ConcurrentHashMap<>();
  private final AtomicInteger rejected = new AtomicInteger();
  private final Map<String, ConnectCode> codes = new ConcurrentHashMap<>();
  private final AtomicInteger issuedKeys = new AtomicInteger();
  private volatile int perSecond;
  private volatile int perMinute;
  private volatile boolean announce;
  private volatile String connectRedirect;
  private HttpServer server;
  private final SandboxHistory history = new SandboxHistory();
  private final ListEndpoints lists = new ListEndpoints(history);

  public HyrosSandbox(int perSecond, int perMinute) {
    this.perSecond = perSecond;
    this.perMinute = perMinute;
  }

  /** With Hyros' documented limits. */
  public HyrosSandbox() {
    this(30, 1000);
  }

  public HyrosSandbox start(int port) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post(API_PREFIX + "/leads").handler(ctx -> api(ctx, this::lead));
    router.post(API_PREFIX + "/orders").handler(ctx -> api(ctx, this::order));
    router.delete(API_PREFIX + "/orders/:orderId").handler(ctx -> api(ctx, this::refund));
    for (String resource : List.of("leads", "sales", "calls", "subscriptions")) {
      router.get(API_PREFIX + "/" + resource).handler(ctx -> api(ctx, c -> list(c, resource)));
    }
    router.get(API_PREFIX + "/user-info").handler(ctx -> api(ctx, this::userInfo));
    router.post(API_PREFIX + "/calls").handler(ctx -> api(ctx, c -> change(c, things::upsertCall)));
    router
        .post(API_PREFIX + "/subscriptions")
        .handler(ctx -> api(ctx, c -> change(c, things::createSubscription)));
    router
        .put(API_PREFIX + "/subscriptions")
        .handler(ctx -> api(ctx, c -> change(c, things::updateSubscription)));
    router
        .post(API_PREFIX + "/carts")
        .handler(ctx -> api(ctx, c -> change(c, (key, b) -> things.cart(key, b, false))));
    router
        .put(API_PREFIX + "/carts")
        .handler(ctx -> api(ctx, c -> change(c, (key, b) -> things.cart(key, b, true))));
    router.post(API_PREFIX + "/external-integration/api-keys").handler(this::exchangeCode);
    router.get("/_sandbox/requests").handler(this::listRequests);
    router
        .delete("/_sandbox/requests")
        .handler(
            ctx -> {
              clearAccepted();
              ctx.response().setStatusCode(204).end();
            });
    router.post("/_sandbox/keys").handler(this::addKeyOverHttp);
    new ConnectButton(this).route(router);
    server = SandboxServers.listen(vertx, router, port, "Hyros");
    return this;
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Makes a key valid, for an account with this email. */
  public void addKey(String apiKey, String accountEmail) {
    accounts.put(apiKey, accountEmail);
  }

  /** Makes a key valid with its own limits (a scaled-down Hyros for fast tests). */
  public void addKey(String apiKey, String accountEmail, int perSecond, int perMinute) {
    keyLimits.put(apiKey, new int[] {perSecond, perMinute});
    limiters.remove(apiKey);
    addKey(apiKey, accountEmail);
  }

  /** A connect code Hyros handed a user's browser, and what exchanging it yields. */
  private record ConnectCode(
      String email, List<String> roles, Instant issuedAt, boolean[] used, String[] key) {}

  /**
   * Issues a one-time connect code for an account, as Hyros does when a user clicks "connect";
   * {@code age} backdates it (a code older than 5 minutes is refused as expired).
   */
  public String issueConnectCode(String email, List<String> roles, Duration age) {
    String code = String.valueOf(1_000_000_000L + (long) (Math.random() * 8_999_999_999L));
    codes.put(
        code,
        new ConnectCode(
            email, List.copyOf(roles), Instant.now().minus(age), new boolean[1], new String[1]));
    return code;
  }

  /**
   * Registers where the sandbox's connect button ({@code /_sandbox/connect}) sends the browser with
   * its code, as a partner registers its page with Hyros: convgate's {@code /integrations/hyros}.
   */
  public void connectRedirectsTo(String url) {
    this.connectRedirect = url;
  }

  /** The address registered with {@link #connectRedirectsTo}, or null. */
  public String connectRedirect() {
    return connectRedirect;
  }

  /** The key the exchange of this code issued, or null if it was not exchanged. */
  public String keyIssuedFor(String code) {
    ConnectCode issued = codes.get(code);
    return issued == null ? null : issued.key()[0];
  }

  /**
   * {@code POST /external-integration/api-keys}: a code works once, within 5 minutes of issue.
   * Assumption beyond the reference: refusals are 400 with Hyros' usual error body, whose message
   * says which rule failed.
   */
  private void exchangeCode(RoutingContext ctx) {
    HttpServerResponse response = ctx.response().putHeader("Content-Type", "application/json");
    Fault fault = faultFor(CODE_EXCHANGE);
    if (fault != null && fault.reset()) {
      ctx.request().connection().close();
      return;
    }
    if (fault != null && fault.status() > 0) {
      error(response, fault.status(), List.of("Injected fault: HTTP " + fault.status()));
      return;
    }
    JsonNode body = body(ctx);
    String code = body == null ? null : body.path("code").asText(null);
    String name = body == null ? null : body.path("name").asText(null);
    if (code == null || name == null || name.isBlank()) {
      error(response, 400, List.of("name and code are required"));
      return;
    }
    ConnectCode issued = codes.get(code);
    if (issued == null) {
      error(response, 400, List.of("The code is not valid"));
      return;
    }
    synchronized (issued) {
      if (issued.used()[0]) {
        error(response, 400, List.of("The code was already used"));
        return;
      }
      if (issued.issuedAt().isBefore(Instant.now().minus(Duration.ofMinutes(5)))) {
        error(response, 400, List.of("The code has expired"));
        return;
      }
      issued.used()[0] = true;
      issued.key()[0] = "hyros-connected-" + UUID.randomUUID();
    }
    addKey(issued.key()[0], issued.email());
    long now = System.currentTimeMillis();
    ObjectNode out =
        json.createObjectNode()
            .put("id", issuedKeys.incrementAndGet())
            .put("name", name)
            .put("key", issued.key()[0])
            .put("creationDate", now)
            .put("lastUpdateDate", now)
            .put("status", "ENABLED")
            .put("email", issued.email());
    ArrayNode roles = out.putArray("roles");
    issued.roles().forEach(roles::add);
    response.setStatusCode(200).end(out.toString());
  }

  /** Makes a key invalid (401 from now on). */
  public void revokeKey(String apiKey) {
    accounts.remove(apiKey);
  }

  public void setLimits(int requestsPerSecond, int requestsPerMinute) {
    this.perSecond = requestsPerSecond;
    this.perMinute = requestsPerMinute;
    limiters.clear();
  }

  /** Prints one line per accepted request (the local stack turns this on). */
  public void announceRequests(boolean announce) {
    this.announce = announce;
  }

  public void inject(Fault fault) {
    faults.add(fault);
  }

  public void clearFaults() {
    faults.clear();
  }

  /**
   * Ends the faults injected for this key, as a Hyros that recovers the moment the test has seen
   * what it needed: a request already held by a latency fault is still answered late.
   */
  public void clearFaults(String apiKey) {
    faults.removeIf(fault -> apiKey.equals(fault.apiKey()));
  }

  public List<AcceptedRequest> accepted() {
    return snapshot().stream().map(this::toRequest).toList();
  }

  private List<Accepted> snapshot() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  /**
   * What the sandbox keeps of an accepted request: the body as it arrived, read into JSON once when
   * first asked for ({@link ReceivedBody}).
   */
  private record Accepted(
      String method,
      String path,
      Map<String, String> query,
      String apiKey,
      ReceivedBody body,
      long receivedAtMillis,
      String requestId) {}

  private AcceptedRequest toRequest(Accepted entry) {
    return new AcceptedRequest(
        entry.method(),
        entry.path(),
        entry.query(),
        entry.apiKey(),
        entry.body().tree(this::parse),
        Instant.ofEpochMilli(entry.receivedAtMillis()),
        entry.requestId());
  }

  /**
   * The deliveries (writes) accepted with any of these keys, in arrival order; key checks ({@code
   * GET /user-info}, the probes of an open circuit) are not deliveries. Only their bodies are read.
   */
  public List<AcceptedRequest> deliveries(java.util.Collection<String> apiKeys) {
    return snapshot().stream()
        .filter(r -> apiKeys.contains(r.apiKey()) && !r.method().equals("GET"))
        .map(this::toRequest)
        .toList();
  }

  public int acceptedCount() {
    synchronized (accepted) {
      return accepted.size();
    }
  }

  public void clearAccepted() {
    synchronized (accepted) {
      accepted.clear();
    }
  }

  /** Whether accepted requests are kept (a raw-throughput benchmark turns it off). */
  public void setRecording(boolean recording) {
    this.recording = recording;
  }

  /** How many requests were answered 429 since start. */
  public int tooManyRequests() {
    return tooManyRequests.get();
  }

  /** How many requests with this key were answered 429 since start. */
  public int tooManyRequests(String apiKey) {
    AtomicInteger count = tooManyByKey.get(apiKey);
    return count == null ? 0 : count.get();
  }

  /**
   * How many API requests with this key have arrived, answered or not (a call whose answer a
   * latency fault delays is counted on arrival: it is under way).
   */
  public int arrived(String apiKey) {
    AtomicInteger count = arrivedByKey.get(apiKey);
    return count == null ? 0 : count.get();
  }

  /** How many requests were answered 400 since start. */
  public int badRequests() {
    return rejected.get();
  }

  /** An endpoint's answer; {@code result} replaces the usual {@code "OK"} when set. */
  private record Reply(int status, List<String> messages, JsonNode result, String nextPageId) {
    static Reply ok() {
      return new Reply(200, List.of(), null, null);
    }

    static Reply ok(JsonNode result) {
      return new Reply(200, List.of(), result, null);
    }

    static Reply error(int status, List<String> messages) {
      return new Reply(status, messages, null, null);
    }
  }

  private void api(RoutingContext ctx, Function<RoutingContext, Reply> endpoint) {
    String key = ctx.request().getHeader("API-Key");
    if (key != null) {
      arrivedByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
    Fault fault = faultFor(key);
    if (fault != null && fault.reset()) {
      ctx.request().connection().close();
      return;
    }
    Duration latency = fault == null || fault.acceptFirst() ? Duration.ZERO : fault.latency();
    Runnable answer = () -> answer(ctx, endpoint, key, fault);
    if (latency.isZero()) {
      answer.run();
    } else {
      vertx.setTimer(latency.toMillis(), id -> answer.run());
    }
  }

  private void answer(
      RoutingContext ctx, Function<RoutingContext, Reply> endpoint, String key, Fault fault) {
    HttpServerResponse response = ctx.response().putHeader("Content-Type", "application/json");
    if (fault != null && fault.status() > 0) {
      error(response, fault.status(), List.of("Injected fault: HTTP " + fault.status()));
      return;
    }
    if (key == null || !accounts.containsKey(key)) {
      error(response, 401, List.of("Api key not valid"));
      return;
    }
    long now = System.currentTimeMillis();
    synchronized (this) {
      WindowCounter[] windows = limiters.computeIfAbsent(key, this::windows);
      for (WindowCounter window : windows) {
        if (!window.allows(now)) {
          rateLimitHeaders(response, windows, now);
          tooManyRequests.incrementAndGet();
          tooManyByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          long waitMillis = window.resetAt(now) - now;
          response.putHeader("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
          error(response, 429, List.of("Too many requests"));
          return;
        }
      }
      Reply reply = endpoint.apply(ctx);
      if (reply.status() != 200) {
        rateLimitHeaders(response, windows, now);
        rejected.incrementAndGet();
        error(response, reply.status(), reply.messages());
        return;
      }
      for (WindowCounter window : windows) {
        window.record(now);
      }
      rateLimitHeaders(response, windows, now);
      String requestId = requestIds.next();
      if (recording) {
        Accepted request =
            new Accepted(
                ctx.request().method().name(),
                ctx.normalizedPath().substring(API_PREFIX.length()),
                query(ctx),
                key,
                new ReceivedBody(rawBody(ctx)),
                now,
                requestId);
        synchronized (accepted) {
          accepted.add(request);
        }
      }
      if (announce) {
        System.out.printf(
            "[hyros-sandbox] 200 %s %s%s key=%s body=%s%n",
            ctx.request().method().name(),
            ctx.normalizedPath(),
            ctx.request().query() == null ? "" : "?" + ctx.request().query(),
            last4(key),
            body(ctx));
      }
      ObjectNode ok = json.createObjectNode().put("request_id", requestId);
      if (reply.result() == null) {
        ok.put("result", "OK");
      } else {
        ok.set("result", reply.result());
      }
      if (reply.nextPageId() != null) {
        ok.put("nextPageId", reply.nextPageId());
      }
      response.setStatusCode(200);
      if (fault != null && fault.acceptFirst()) {
        // Done, but the answer leaves late: the caller may have given up on it by then.
        vertx.setTimer(
            fault.latency().toMillis(),
            id -> {
              if (!response.closed()) {
                response.end(ok.toString());
              }
            });
      } else {
        response.end(ok.toString());
      }
    }
  }

  private Fault faultFor(String key) {
    if (faults.isEmpty()) {
      return null;
    }
    Instant now = Instant.now();
    return faults.stream().filter(f -> f.appliesTo(key, now)).findFirst().orElse(null);
  }

  private WindowCounter[] windows(String key) {
    int[] limits = keyLimits.getOrDefault(key, new int[] {perSecond, perMinute});
    return new WindowCounter[] {
      new WindowCounter(limits[0], 1000), new WindowCounter(limits[1], 60_000)
    };
  }

  private Reply lead(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null || !body.isObject()) {
      return Reply.error(400, List.of("There was a problem while processing the request"));
    }
    List<String> errors = RequestRules.lead(body);
    if (errors.isEmpty() && recording) {
      history.wroteLead(ctx.request().getHeader("API-Key"), body, System.currentTimeMillis());
    }
    return errors.isEmpty() ? Reply.ok() : Reply.error(400, errors);
  }

  private Reply order(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null || !body.isObject()) {
      return Reply.error(400, List.of("There was a problem while processing the request"));
    }
    List<String> errors = RequestRules.order(body);
    if (!errors.isEmpty()) {
      return Reply.error(400, errors);
    }
    String key = ctx.request().getHeader("API-Key");
    String orderId =
        body.hasNonNull("orderId") ? body.get("orderId").asText() : UUID.randomUUID().toString();
    orders.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(orderId);
    if (recording) {
      history.wroteOrder(key, body, orderId, System.currentTimeMillis());
    }
    return Reply.ok();
  }

  /** The account state of calls, subscriptions and carts, per key. */
  public Things things() {
    return things;
  }

  /** A write of a thing that changes ({@link Things}): its errors, or none when accepted. */
  private Reply change(
      RoutingContext ctx, java.util.function.BiFunction<String, JsonNode, List<String>> write) {
    JsonNode body = body(ctx);
    if (body == null || !body.isObject()) {
      return Reply.error(400, List.of(ChangeRules.UNSPECIFIED));
    }
    List<String> errors = write.apply(ctx.request().getHeader("API-Key"), body);
    return errors.isEmpty() ? Reply.ok() : Reply.error(400, errors);
  }

  private Reply refund(RoutingContext ctx) {
    String key = ctx.request().getHeader("API-Key");
    String orderId = ctx.pathParam("orderId");
    List<String> errors = RequestRules.refund(ctx.request().getParam("refundedAmount"));
    if (!errors.isEmpty()) {
      return Reply.error(400, errors);
    }
    if (!orders.getOrDefault(key, Set.of()).contains(orderId)) {
      return Reply.error(400, List.of("Order not found"));
    }
    return Reply.ok();
  }

  /**
   * {@code GET /user-info}: the Blueprint's shape, cut to what convgate reads (the key's account
   * email in {@code result.userProfile}) plus empty account lists.
   */
  private Reply userInfo(RoutingContext ctx) {
    ObjectNode result = json.createObjectNode();
    result
        .putObject("userProfile")
        .put("email", accounts.get(ctx.request().getHeader("API-Key")))
        .put("timezone", "+00:00");
    result.putArray("allowedAccounts");
    result.putArray("accessibleAccounts");
    return Reply.ok(result);
  }

  /** {@code GET /leads|/sales|/calls|/subscriptions}: see {@link ListEndpoints}. */
  private Reply list(RoutingContext ctx, String resource) {
    ListEndpoints.Answer answer =
        lists.list(
            ctx.request().getHeader("API-Key"),
            resource,
            ctx.queryParams(),
            System.currentTimeMillis());
    return new Reply(answer.status(), answer.messages(), answer.result(), answer.nextPageId());
  }

  /** The records the list endpoints serve: seed them, change them, set the read lag. */
  public SandboxHistory history() {
    return history;
  }

  /** Remaining and reset are those of the most restrictive window. */
  private void rateLimitHeaders(HttpServerResponse response, WindowCounter[] windows, long now) {
    WindowCounter tightest = windows[0];
    for (WindowCounter window : windows) {
      if (window.remaining(now) < tightest.remaining(now)) {
        tightest = window;
      }
    }
    response.putHeader(
        "X-RateLimit-Limit", windows[0].limit() + ";w=1, " + windows[1].limit() + ";w=60");
    response.putHeader("X-RateLimit-Remaining", String.valueOf(tightest.remaining(now)));
    response.putHeader("X-RateLimit-Reset", String.valueOf((tightest.resetAt(now) + 999) / 1000));
  }

  private void error(HttpServerResponse response, int status, List<String> messages) {
    ObjectNode body = json.createObjectNode().put("result", "ERROR");
    ArrayNode list = body.putArray("message");
    messages.forEach(list::add);
    response.setStatusCode(status).end(body.toString());
  }

  /** The request's JSON body (read once per request), or null if it has none or it is not JSON. */
  private JsonNode body(RoutingContext ctx) {
    Object read = ctx.get(BODY);
    if (read == null) {
      JsonNode parsed = parse(rawBody(ctx));
      read = parsed == null ? NO_BODY : parsed;
      ctx.put(BODY, read);
    }
    return read == NO_BODY ? null : (JsonNode) read;
  }

  /** The request's body as it arrived, or null if it has none. */
  private static byte[] rawBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      return null;
    }
    return ctx.body().buffer().getBytes();
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static Map<String, String> query(RoutingContext ctx) {
    if (ctx.request().query() == null) {
      return Map.of();
    }
    Map<String, String> query = new HashMap<>();
    ctx.queryParams().forEach(e -> query.put(e.getKey(), e.getValue()));
    return query;
  }

  private void listRequests(RoutingContext ctx) {
    ArrayNode list = json.createArrayNode();
    List<AcceptedRequest> snapshot = accepted();
    for (AcceptedRequest request : snapshot) {
      ObjectNode node = list.addObject();
      node.put("method", request.method());
      node.put("path", request.path());
      node.set("query", json.valueToTree(request.query()));
      node.put("apiKeyLast4", last4(request.apiKey()));
      node.put("receivedAt", request.receivedAt().toString());
      node.put("requestId", request.requestId());
      node.set("body", request.body());
    }
    ctx.response().putHeader("Content-Type", "application/json").end(list.toPrettyString());
  }

  private void addKeyOverHttp(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null || !body.hasNonNull("key")) {
      ctx.response().setStatusCode(400).end("{\"message\":[\"key is required\"]}");
      return;
    }
    addKey(body.get("key").asText(), body.path("email").asText("sandbox@example.com"));
    ctx.response().setStatusCode(204).end();
  }

  private static String last4(String key) {
    return key == null || key.length() < 4 ? "****" : "..." + key.substring(key.length() - 4);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
