package io.convgate.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which records of a page are new or changed, given the fingerprints already published. */
public final class Changes {

  private Changes() {}

  /**
   * @param page the page's records, in Hyros' order (a record listed twice counts once, as last
   *     listed)
   * @param published the fingerprint last published per Hyros id, for the page's ids
   * @return the records whose fingerprint differs from the published one, in page order
   */
  public static List<ReadRecord> of(List<ReadRecord> page, Map<String, String> published) {
    Map<String, ReadRecord> unique = new LinkedHashMap<>();
    for (ReadRecord record : page) {
      unique.put(record.hyrosId(), record);
    }
    List<ReadRecord> changed = new ArrayList<>();
    for (ReadRecord record : unique.values()) {
      if (!record.fingerprint().equals(published.get(record.hyrosId()))) {
        changed.add(record);
      }
    }
    return changed;
  }
}
