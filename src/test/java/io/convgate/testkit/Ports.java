package io.convgate.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free loopback ports for the services the tests start, below the kernel's ephemeral range
 * (32768-60999 on Linux). A port taken from the ephemeral range (bind to port 0) is free when it is
 * handed out, but until the service binds it any outgoing connection of this machine may get it as
 * its local port; with the process tests beside the application tests (decision 0061) that
 * happened, and a gateway failed to start. Ports here are handed out once per JVM, from a start
 * that depends on the process id, and only if they can be bound at that moment.
 */
public final class Ports {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger((int) (ProcessHandle.current().pid() * 37 % (LAST - FIRST)));

  private Ports() {}

  public static int free() {
    for (int tried = 0; tried < LAST - FIRST; tried++) {
      int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port in " + FIRST + "-" + LAST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
