package io.convgate.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * Free loopback ports for the services the tests start, below the kernel's ephemeral range
 * (32768-60999 on Linux). A port taken from the ephemeral range (bind to port 0) is free when it is
 * handed out, but until the service binds it any outgoing connection of this machine may get it as
 * its local port; with the process tests beside the application tests (decision 0061) that
 * happened, and a gateway failed to start.
 *
 * <p>Each port is handed out once per JVM, and only if it can be bound at that moment. The next
 * port is kept in a system property under the system properties' own lock, because this class is
 * loaded more than once in the test JVM (by Quarkus' class loader for the application tests, by the
 * application class loader for the process tests), and a static counter per copy handed two brokers
 * the same port.
 */
public final class Ports {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final String NEXT = "testkit.ports.next";

  private Ports() {}

  public static int free() {
    Properties shared = System.getProperties();
    synchronized (shared) {
      int next = Integer.parseInt(shared.getProperty(NEXT, String.valueOf(start())));
      for (int tried = 0; tried < LAST - FIRST; tried++) {
        int port = FIRST + Math.floorMod(next - FIRST + tried, LAST - FIRST);
        if (bindable(port)) {
          shared.setProperty(NEXT, String.valueOf(port + 1));
          return port;
        }
      }
    }
    throw new IllegalStateException("no free loopback port in " + FIRST + "-" + LAST);
  }

  /** Where a JVM starts: apart from another test JVM or benchmark on the same machine. */
  private static int start() {
    return FIRST + (int) (ProcessHandle.current().pid() * 37 % (LAST - FIRST));
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
