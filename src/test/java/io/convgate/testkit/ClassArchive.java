package io.convgate.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A class-data sharing archive of the packaged gateway, for the test run's gateway processes
 * (decision 0068): the classes a gateway loaded in a whole life, start to SIGTERM, mapped into the
 * next ones instead of being read, parsed and verified again. A start then costs about 4.5 CPU-s
 * instead of 6.8 (docs/benchmarks.md); the suite starts sixteen.
 *
 * <p>Only with {@code -Dtest.gateway.class-archive=true}, which the build sets for the tests: the
 * benchmarks measure start-up as the container image starts, without one. Nothing about what a
 * gateway does changes; HotSpot checks that the archive matches its JDK and the application's jars
 * and runs without it when it does not.
 *
 * <p>No gateway has the archive until one has recorded it. The first gateway of the run started
 * with {@code recordClasses} ({@link GatewayProcess#startAtLowPriority(java.util.Map, int, Path,
 * boolean)}) records the classes it loaded at its exit, and after a graceful stop the recording
 * becomes the run's archive; if that gateway does not stop gracefully, the run has none. The dump
 * costs about 12 CPU-s, so it is made once, by QuietShutdownIT's first round: the first gateway of
 * the run to be stopped, half a minute after its start. The archive belongs to one test JVM (its
 * name has the JVM's start and pid), so an archive of an older build is never used; the files of
 * test JVMs that have ended are deleted.
 */
final class ClassArchive {

  static final String ENABLED = "test.gateway.class-archive";

  private static final Path DIRECTORY = Path.of("target", "gateway-classes");

  /** A file's run: {@code run-<JVM start>-<pid>-}. */
  private static final Pattern RUN = Pattern.compile("run-\\d+-(\\d+)-");

  /** The JVM options of one gateway start, and the file it records into (null when it does not). */
  record Start(List<String> options, Path recording) {

    static final Start NONE = new Start(List.of(), null);

    /** What the start says about the archive on its "ready" line. */
    String describe() {
      if (recording != null) {
        return ", recording the class archive";
      }
      return options.isEmpty() ? "" : ", with the class archive";
    }
  }

  private ClassArchive() {}

  /**
   * The options for a gateway about to start: the run's archive when there is one; otherwise, when
   * {@code mayRecord} and no gateway of the run has recorded yet, a recording. HotSpot's CDS
   * messages go to {@code log}'s side file, not among the gateway's own lines.
   */
  static Start forStart(boolean mayRecord, Path log) {
    if (!Boolean.getBoolean(ENABLED)) {
      return Start.NONE;
    }
    try {
      Files.createDirectories(DIRECTORY);
      deleteOtherRuns();
      List<String> options = new ArrayList<>();
      options.add("-Xlog:cds*=off");
      if (log != null) {
        options.add("-Xlog:cds*=warning:file=" + log + ".cds.log");
      }
      Path archive = archive();
      if (Files.exists(archive)) {
        options.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
        return new Start(options, null);
      }
      if (!mayRecord || !claimRecording()) {
        return Start.NONE;
      }
      Path recording = DIRECTORY.resolve(runPrefix() + "recording.jsa");
      options.add("-XX:ArchiveClassesAtExit=" + recording.toAbsolutePath());
      return new Start(options, recording);
    } catch (IOException e) {
      System.out.println("ClassArchive: none for this start: " + e);
      return Start.NONE;
    }
  }

  /**
   * Whether this is the run's one recording: the dump at a gateway's exit costs about 12 CPU-s, a
   * start with the archive saves about 2.
   */
  private static boolean claimRecording() throws IOException {
    try {
      Files.createFile(DIRECTORY.resolve(runPrefix() + "recorded"));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * The gateway that recorded has ended with {@code exitCode}: after a graceful stop its recording
   * is complete and becomes the run's archive.
   */
  static void ended(Start start, int exitCode) {
    Path recording = start.recording();
    if (recording == null) {
      return;
    }
    try {
      boolean graceful = exitCode == 0 || exitCode == 143;
      if (graceful && Files.exists(recording) && Files.size(recording) > 0) {
        // A rename: a gateway that finds the archive finds all of it.
        Files.move(recording, archive(), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ClassArchive: the gateways started from now on use " + archive());
      } else {
        Files.deleteIfExists(recording);
      }
    } catch (IOException e) {
      System.out.println("ClassArchive: recording " + recording + " not used: " + e);
    }
  }

  private static Path archive() {
    return DIRECTORY.resolve(runPrefix() + "gateway.jsa");
  }

  /** This test JVM's start and process id: an archive is recorded and used by one run. */
  private static String runPrefix() {
    return "run-"
        + ManagementFactory.getRuntimeMXBean().getStartTime()
        + "-"
        + ProcessHandle.current().pid()
        + "-";
  }

  /** The files of test JVMs that have ended (tens of MB each); a run beside this one keeps its. */
  private static void deleteOtherRuns() throws IOException {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      for (Path file : files.toList()) {
        Matcher run = RUN.matcher(file.getFileName().toString());
        boolean ended =
            !run.lookingAt() || ProcessHandle.of(Long.parseLong(run.group(1))).isEmpty();
        if (ended) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
