package io.convgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row, columns padded to their widest cell, "-" for no value. */
final class Table {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
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

  void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(out, headers, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
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
              + "  "
              + (value == null ? "-" : value.toString()));
    }
  }

  static String abbreviate(String text, int max) {
    if (text == null) {
      return null;
    }
    String line = oneLine(text);
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
    }
    out.println(line.toString().stripTrailing());
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }
}
