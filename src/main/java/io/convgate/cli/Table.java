package io.convgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A plain-text table: a header row, columns padded to their widest cell, "-" for no value. A table
 * wider than the terminal gives way: the free-text columns named by {@link #cutFirst} are cut
 * first, then any column, never narrower than its header; a cut cell ends in "…".
 */
final class Table {

  /** A width that cuts nothing. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  private static final String GAP = "  ";
  private static final String ELLIPSIS = "…";

  private final List<String> headers;
  private final Set<Integer> cutFirst = new HashSet<>();
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** The columns to cut before the others: free text whose length nobody controls. */
  Table cutFirst(String... columns) {
    for (String column : columns) {
      int index = headers.indexOf(column);
      if (index < 0) {
        throw new IllegalArgumentException("no column " + column + " in " + headers);
      }
      cutFirst.add(index);
    }
    return this;
  }

  Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "-" : oneLine(cell.toString()));
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the table in lines of at most {@code maxWidth} characters (if the headers fit). */
  void print(PrintWriter out, int maxWidth) {
    int[] widths = new int[headers.size()];
    int[] floors = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      floors[i] = length(headers.get(i));
      widths[i] = floors[i];
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], length(row.get(i)));
      }
    }
    long budget = (long) maxWidth - (long) GAP.length() * (widths.length - 1);
    Set<Integer> all = new HashSet<>();
    for (int i = 0; i < widths.length; i++) {
      all.add(i);
    }
    fit(widths, floors, cutFirst, budget);
    fit(widths, floors, all, budget);
    line(out, headers, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
  }

  /**
   * Narrows the {@code columns} until the widths add up to {@code budget}: the widest ones first,
   * down to a common cap, none below its floor.
   */
  private static void fit(int[] widths, int[] floors, Set<Integer> columns, long budget) {
    if (sum(widths) <= budget || columns.isEmpty()) {
      return;
    }
    int low = 0;
    int high = 0;
    for (int i : columns) {
      high = Math.max(high, widths[i]);
    }
    // The largest cap that fits; 0 when even the floors do not.
    while (low < high) {
      int cap = (int) (((long) low + high + 1) / 2);
      if (sum(capped(widths, floors, columns, cap)) <= budget) {
        low = cap;
      } else {
        high = cap - 1;
      }
    }
    System.arraycopy(capped(widths, floors, columns, low), 0, widths, 0, widths.length);
  }

  private static int[] capped(int[] widths, int[] floors, Set<Integer> columns, int cap) {
    int[] result = widths.clone();
    for (int i : columns) {
      result[i] = Math.min(widths[i], Math.max(cap, floors[i]));
    }
    return result;
  }

  private static long sum(int[] widths) {
    long sum = 0;
    for (int width : widths) {
      sum += width;
    }
    return sum;
  }

  /** {@code key value} lines with the values aligned; pairs are label, value, label, value... */
  static void fields(PrintWriter out, String indent, Object... labelsAndValues) {
    int width = 0;
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      width = Math.max(width, labelsAndValues[i].toString().length());
    }
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      Object value = labelsAndValues[i + 1];
      out.println(
          indent
              + pad(labelsAndValues[i].toString(), width)
              + GAP
              + (value == null ? "-" : value.toString()));
    }
  }

  /** {@code text} in at most {@code width} characters: cut, with "…" as the last, if longer. */
  static String cut(String text, int width) {
    if (length(text) <= width) {
      return text;
    }
    if (width < 1) {
      return "";
    }
    return text.substring(0, text.offsetByCodePoints(0, width - 1)) + ELLIPSIS;
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(GAP);
      }
      String cell = cut(cells.get(i), widths[i]);
      line.append(i == cells.size() - 1 ? cell : pad(cell, widths[i]));
    }
    out.println(line.toString().stripTrailing());
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - length(text)));
  }

  /** Characters as a terminal counts them (code points, not UTF-16 units). */
  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** One line: line breaks, tabs and other control characters (escapes too) become a space. */
  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cc}+", " ");
  }
}
