package io.convgate.testkit.sandbox.hyperaktiv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.sandbox.Fault;
import io.convgate.testkit.sandbox.SandboxServers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Hyperaktiv's lead endpoint, {@code POST /api/v1/leads?ref=<origin ref>} with
 * {@code Authorization: Bearer <workspace key>}. Hyperaktiv documents the request only, so every
 * answer here is an assumption (docs/hyperaktiv.md, decision 0052):
 *
 * <ul>
 *   <li>401 when the bearer key is missing or names no workspace;
 *   <li>400 when {@code ref} is missing, 404 when it names no origin of that workspace;
 *   <li>415 when the body is not sent as {@code application/json};
 *   <li>400/422 for a body that breaks {@link LeadRules};
 *   <li>200 {@code {"success":true,"leadId":"..."}} for an accepted lead, recorded per workspace
 *       and origin;
 *   <li>errors as {@code {"success":false,"error":"<code>","message":"..."}};
 *   <li>no rate limit unless a test asks for one ({@link #limit}): then 429 with {@code
 *       Retry-After}.
 * </ul>
 *
 * <p>Faults are the Hyros sandbox's {@link Fault}s, keyed by workspace key instead of API key. An
 * injected 429 carries {@code Retry-After} ({@link #injectedRetryAfter}); other injected statuses
 * do not. {@code GET /_sandbox/leads} lists the accepted leads, {@code DELETE} forgets them; {@code
 * POST /_sandbox/workspaces} adds a workspace and its origin refs.
 */
public final class HyperaktivSandbox implements AutoCloseable {

  public static final String LEADS_PATH = "/api/v1/leads";

  private final ObjectMapper json = new ObjectMapper();
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Set<String>> workspaces = new ConcurrentHashMap<>();
  private final List<ReceivedLead> leads = new CopyOnWriteArrayList<>();
  private final List<Answer> answers = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger leadIds = new AtomicInteger();
  private final SlidingLimit limits = new SlidingLimit();
  private volatile Duration injectedRetryAfter = Duration.ofSeconds(1);
  private volatile boolean announce;
  private HttpServer server;

  /** Listens on 127.0.0.1; port 0 for a free one. */
  public HyperaktivSandbox start(int port) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post(LEADS_PATH).handler(this::lead);
    router.get("/_sandbox/leads").handler(this::listLeads);
    router.post("/_sandbox/workspaces").handler(this::addWorkspaceOverHttp);
    router
        .delete("/_sandbox/leads")
        .handler(
            ctx -> {
              clear();
              ctx.response().setStatusCode(204).end();
            });
    server = SandboxServers.listen(vertx, router, port, "Hyperaktiv");
    return this;
  }

  public int port() {
    return server.actualPort();
  }

  /** What {@code convgate.hyperaktiv.url} is set to: the leads path is appended by the client. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Makes a workspace key valid, with these origin refs (more may be added later). */
  public void addWorkspace(String key, String... originRefs) {
    workspaces.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(List.of(originRefs));
  }

  /** Adds an "API endpoint" origin to a workspace's funnel. */
  public void addOrigin(String key, String ref) {
    addWorkspace(key, ref);
  }

  /** The key stops working (401), as when a user regenerates it in Hyperaktiv's settings. */
  public void revokeWorkspace(String key) {
    workspaces.remove(key);
  }

  public void inject(Fault fault) {
    faults.add(fault);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** What an injected 429 says in {@code Retry-After} (whole seconds, at least 1). */
  public void injectedRetryAfter(Duration wait) {
    this.injectedRetryAfter = wait;
  }

  /**
   * Turns on a rate limit per workspace key: requests with a valid key beyond it are answered 429
   * with {@code Retry-After}. 0 for either turns it off (the default: Hyperaktiv publishes none).
   */
  public void limit(int perSecond, int perMinute) {
    limits.set(perSecond, perMinute);
  }

  /** Prints each accepted lead (for the local stack). */
  public void announceRequests(boolean announce) {
    this.announce = announce;
  }

  /** Every accepted lead, in arrival order. */
  public List<ReceivedLead> leads() {
    return List.copyOf(leads);
  }

  /** The leads a workspace received at one origin. */
  public List<ReceivedLead> leads(String key, String ref) {
    return leads.stream().filter(l -> l.workspaceKey().equals(key) && l.ref().equals(ref)).toList();
  }

  /** Every request answered, refused ones included. */
  public List<Answer> answers() {
    return List.copyOf(answers);
  }

  /** How many requests were answered with this status. */
  public long answered(int status) {
    return answers.stream().filter(a -> a.status() == status).count();
  }

  /** Forgets the leads and answers received (workspaces, faults and limits stay). */
  public void clear() {
    leads.clear();
    answers.clear();
  }

  private void lead(RoutingContext ctx) {
    String key = bearer(ctx.request().getHeader("Authorization"));
    Fault fault = faultFor(key);
    if (fault != null && fault.reset()) {
      log(ctx, key, 0, "connection reset (injected)");
      ctx.request().connection().close();
      return;
    }
    Duration delay = fault == null || fault.acceptFirst() ? Duration.ZERO : fault.latency();
    if (delay.isZero()) {
      answer(ctx, key, fault);
    } else {
      vertx.setTimer(delay.toMillis(), id -> answer(ctx, key, fault));
    }
  }

  private void answer(RoutingContext ctx, String key, Fault fault) {
    if (ctx.response().closed()) {
      log(ctx, key, 0, "the caller stopped waiting before the (injected) delay ended");
      return;
    }
    HttpServerResponse response = ctx.response().putHeader("Content-Type", "application/json");
    if (fault != null && fault.status() > 0) {
      if (fault.status() == 429) {
        response.putHeader("Retry-After", String.valueOf(seconds(injectedRetryAfter)));
      }
      refuse(ctx, key, fault.status(), "injected", "injected fault: HTTP " + fault.status());
      return;
    }
    if (key == null || !workspaces.containsKey(key)) {
      refuse(ctx, key, 401, "unauthorized", "missing or unknown API key");
      return;
    }
    long wait = limits.admit(key, System.currentTimeMillis());
    if (wait > 0) {
      response.putHeader("Retry-After", String.valueOf(Math.max(1, (wait + 999) / 1000)));
      refuse(ctx, key, 429, "too_many_requests", "too many requests");
      return;
    }
    String ref = ctx.request().getParam("ref");
    if (ref == null || ref.isBlank()) {
      refuse(ctx, key, 400, "bad_request", "the ref parameter is required");
      return;
    }
    if (!workspaces.getOrDefault(key, Set.of()).contains(ref)) {
      refuse(ctx, key, 404, "origin_not_found", "no API origin with this ref in the workspace");
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      refuse(ctx, key, 415, "unsupported_media_type", "the body must be application/json");
      return;
    }
    JsonNode body = parse(ctx);
    LeadRules.Refusal refusal = LeadRules.check(body);
    if (refusal != null) {
      refuse(ctx, key, refusal.status(), refusal.error(), refusal.message());
      return;
    }
    String leadId = "lead-" + leadIds.incrementAndGet();
    leads.add(new ReceivedLead(key, ref, body, leadId, Instant.now()));
    log(ctx, key, 200, null);
    if (announce) {
      System.out.printf(
          "[hyperaktiv-sandbox] 200 POST %s?ref=%s key=%s body=%s%n",
          LEADS_PATH, ref, keyEnd(key), body);
    }
    String ok = json.createObjectNode().put("success", true).put("leadId", leadId).toString();
    response.setStatusCode(200);
    if (fault != null && fault.acceptFirst()) {
      vertx.setTimer(
          Math.max(1, fault.latency().toMillis()),
          id -> {
            if (!response.closed()) {
              response.end(ok);
            }
          });
    } else {
      response.end(ok);
    }
  }

  private void refuse(RoutingContext ctx, String key, int status, String error, String message) {
    log(ctx, key, status, message);
    ObjectNode body =
        json.createObjectNode().put("success", false).put("error", error).put("message", message);
    ctx.response().setStatusCode(status).end(body.toString());
  }

  private void log(RoutingContext ctx, String key, int status, String message) {
    answers.add(
        new Answer(
            ctx.request().method().name(),
            ctx.normalizedPath(),
            ctx.request().getParam("ref"),
            keyEnd(key),
            status,
            message,
            Instant.now()));
  }

  private JsonNode parse(RoutingContext ctx) {
    try {
      String text = ctx.body().asString();
      return text == null || text.isBlank() ? null : json.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private void listLeads(RoutingContext ctx) {
    ArrayNode list = json.createArrayNode();
    for (ReceivedLead lead : leads) {
      list.addObject()
          .put("leadId", lead.leadId())
          .put("ref", lead.ref())
          .put("key", keyEnd(lead.workspaceKey()))
          .put("at", lead.at().toString())
          .set("body", lead.body());
    }
    ctx.response().putHeader("Content-Type", "application/json").end(list.toString());
  }

  /** {@code POST /_sandbox/workspaces {"key": "...", "refs": ["..."]}}: 204, or 400. */
  private void addWorkspaceOverHttp(RoutingContext ctx) {
    JsonNode body = parse(ctx);
    if (body == null || !body.path("key").isTextual() || !body.path("refs").isArray()) {
      ctx.response().setStatusCode(400).end("{\"message\":\"key (a string) and refs (a list)\"}");
      return;
    }
    List<String> refs = new java.util.ArrayList<>();
    body.get("refs").forEach(r -> refs.add(r.asText()));
    addWorkspace(body.get("key").asText(), refs.toArray(String[]::new));
    ctx.response().setStatusCode(204).end();
  }

  /**
   * The first fault that applies to this key, as {@code Fault} itself decides for the Hyros sandbox
   * (its own check is not visible from this package): same key or any, not expired, by chance, and
   * a counted fault uses up one request.
   */
  private Fault faultFor(String key) {
    Instant now = Instant.now();
    for (Fault f : faults) {
      if ((f.apiKey() != null && !f.apiKey().equals(key))
          || (f.until() != null && !now.isBefore(f.until()))) {
        continue;
      }
      if (f.chance() < 1.0 && ThreadLocalRandom.current().nextDouble() >= f.chance()) {
        continue;
      }
      if (f.remaining() == null || f.remaining().getAndDecrement() > 0) {
        return f;
      }
    }
    return null;
  }

  private static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? null : key;
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  static String keyEnd(String key) {
    return key == null || key.length() < 4 ? "****" : "..." + key.substring(key.length() - 4);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
