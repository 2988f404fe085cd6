package io.s3share.operator.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** The log events of one logger (and its children), captured by a Logback ListAppender. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String loggerName) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logger = logback.getLogger(loggerName);
    appender.setContext(logback);
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts capturing what {@code loggerName} and the loggers below it log. */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  public static LogCapture of(Class<?> type) {
    return of(type.getName());
  }

  /** The captured events at {@code level} or above that match, oldest first. */
  public List<ILoggingEvent> events(Level level, Predicate<ILoggingEvent> matching) {
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(level))
        .filter(matching)
        .toList();
  }

  /** The formatted messages of those events. */
  public List<String> messages(Level level, Predicate<ILoggingEvent> matching) {
    return events(level, matching).stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  public void clear() {
    synchronized (appender) {
      appender.list.clear();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
