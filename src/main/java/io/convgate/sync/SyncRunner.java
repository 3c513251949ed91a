package io.convgate.sync;

import io.convgate.destination.FailureClass;
import io.convgate.hyros.FailureClassifier;
import io.convgate.hyros.HyrosLists;
import io.convgate.hyros.HyrosPage;
import io.convgate.integration.Integration;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads one run's window page by page (decision 0047): take a read token, read the page, find the
 * new and changed records by fingerprint, publish them and wait for the broker, then store their
 * fingerprints and move the cursor past the page in one transaction. A crash anywhere re-reads at
 * most the page under way; what it published again is the same event (same key, id and bytes).
 */
@ApplicationScoped
public class SyncRunner {

  private static final Logger LOGGER = Logger.getLogger(SyncRunner.class);
  private static final int ATTEMPTS_PER_PAGE = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  /** How a run ended: the counts, and an error (null when it read its whole window). */
  public record Outcome(long read, long published, String error, boolean retryable) {}

  private final HyrosLists hyros;
  private final ReadPacer pacer;
  private final PageStore pages;
  private final ChangePublisher publisher;
  private final SyncMetrics metrics;
  private final SyncConfig config;
  private final Vertx vertx;

  public SyncRunner(
      HyrosLists hyros,
      ReadPacer pacer,
      PageStore pages,
      ChangePublisher publisher,
      SyncMetrics metrics,
      SyncConfig config,
      Vertx vertx) {
    this.hyros = hyros;
    this.pacer = pacer;
    this.pages = pages;
    this.publisher = publisher;
    this.metrics = metrics;
    this.config = config;
    this.vertx = vertx;
  }

  /** Reads from the run's cursor to the end of its window. Never fails: see {@link Outcome}. */
  public Uni<Outcome> run(RunTarget run, Integration integration, String owner) {
    return page(run, integration, owner, new long[2], 1, run.pageId() != null);
  }

  private Uni<Outcome> page(
      RunTarget run,
      Integration integration,
      String owner,
      long[] counts,
      int attempt,
      boolean resumed) {
    return pacer
        .acquire(integration)
        .chain(() -> hyros.page(integration.apiKey(), run.resource().code(), query(run)))
        .invoke(answer -> pacer.release(integration, answer.result()))
        .chain(
            answer -> {
              if (answer.result().succeeded()) {
                return store(run, integration, owner, counts, answer);
              }
              return failed(run, integration, owner, counts, attempt, resumed, answer);
            })
        .onFailure()
        .recoverWithItem(
            failure -> new Outcome(counts[0], counts[1], LogSafe.of(failure, LogSafe.TEXT), true));
  }

  private Uni<Outcome> store(
      RunTarget run, Integration integration, String owner, long[] counts, HyrosPage answer) {
    List<ReadRecord> records = new ArrayList<>(answer.records().size());
    answer
        .records()
        .forEach(
            body -> {
              ReadRecord record = ReadRecord.of(body);
              if (record != null) {
                records.add(record);
              }
            });
    List<String> ids = records.stream().map(ReadRecord::hyrosId).distinct().toList();
    return pages
        .published(run, ids)
        .chain(
            known -> {
              List<ReadRecord> changes = Changes.of(records, known);
              long fresh = changes.stream().filter(c -> !known.containsKey(c.hyrosId())).count();
              return publisher
                  .publish(run, changes)
                  .chain(
                      () ->
                          pages.pageDone(
                              run,
                              changes,
                              answer.nextPageId(),
                              records.size(),
                              owner,
                              config.lease()))
                  .chain(
                      held -> {
                        counts[0] += records.size();
                        counts[1] += changes.size();
                        metrics.page(run, records.size(), changes.size(), fresh);
                        if (!held) {
                          return Uni.createFrom()
                              .item(
                                  new Outcome(
                                      counts[0],
                                      counts[1],
                                      "the run's lease was taken over",
                                      true));
                        }
                        if (answer.nextPageId() == null) {
                          return Uni.createFrom()
                              .item(new Outcome(counts[0], counts[1], null, false));
                        }
                        return page(
                            run.at(answer.nextPageId()), integration, owner, counts, 1, false);
                      });
            });
  }

  private Uni<Outcome> failed(
      RunTarget run,
      Integration integration,
      String owner,
      long[] counts,
      int attempt,
      boolean resumed,
      HyrosPage answer) {
    int status = answer.result().status();
    String error = "HTTP " + status + " " + String.join("; ", answer.result().messages());
    if (status == 400 && resumed && run.pageId() != null) {
      // A page id kept across a restart that Hyros no longer knows: read the window again from its
      // first page; the fingerprints keep what was published from being published again.
      LOGGER.infof(
          "page id refused on resume, reading the window again run=%s", LogSafe.of(run.name()));
      return page(run.at(null), integration, owner, counts, 1, false);
    }
    FailureClass failure = FailureClassifier.classify(answer.result());
    if (failure != FailureClass.RETRYABLE || attempt >= ATTEMPTS_PER_PAGE) {
      return Uni.createFrom()
          .item(new Outcome(counts[0], counts[1], error, failure == FailureClass.RETRYABLE));
    }
    Duration pause =
        status == 429 && answer.result().retryAfter() != null
            ? answer.result().retryAfter()
            : FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
    return Uni.createFrom()
        .<Void>emitter(e -> vertx.setTimer(Math.max(1, pause.toMillis()), id -> e.complete(null)))
        .chain(() -> page(run, integration, owner, counts, attempt + 1, resumed));
  }

  /** The same parameters for every page of a run (Hyros resets paging when any other changes). */
  private Map<String, String> query(RunTarget run) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put(
        "fromDate",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(JobStore.at(run.window().from())));
    query.put(
        "toDate", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(JobStore.at(run.window().to())));
    query.put("pageSize", String.valueOf(config.pageSize()));
    if (run.pageId() != null) {
      query.put("pageId", run.pageId());
    }
    return query;
  }
}
