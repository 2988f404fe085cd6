package io.s3share.operator;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop that the main thread carries out. The JVM's own
 * handling would run shutdown hooks and end with status 143, as if the stop had failed; a pod being
 * rolled should instead finish its reconciles in flight and exit 0.
 */
final class StopSignal {

  private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

  private final CountDownLatch received = new CountDownLatch(1);
  private final AtomicReference<String> name = new AtomicReference<>();

  private StopSignal() {}

  /** Handles SIGTERM and SIGINT from now on. */
  static StopSignal install() {
    StopSignal stop = new StopSignal();
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(
          new Signal(signal),
          s -> {
            if (stop.name.compareAndSet(null, "SIG" + s.getName())) {
              log.info("SIG{} received: stopping", s.getName());
              stop.received.countDown();
            }
          });
    }
    return stop;
  }

  /** Blocks until a signal arrives; its name, e.g. {@code SIGTERM}. */
  String await() throws InterruptedException {
    received.await();
    return name.get();
  }
}
