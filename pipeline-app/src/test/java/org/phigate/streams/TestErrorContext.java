package org.phigate.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** An ErrorHandlerContext at partition 1, offset 42 of task 0_1, for exception-handler tests. */
record TestErrorContext(String topic, String processorNodeId, byte[] sourceRawKey, byte[] sourceRawValue)
    implements ErrorHandlerContext {

  @Override
  public int partition() {
    return 1;
  }

  @Override
  public long offset() {
    return 42L;
  }

  @Override
  public Headers headers() {
    return new RecordHeaders();
  }

  @Override
  public TaskId taskId() {
    return new TaskId(0, 1);
  }

  @Override
  public long timestamp() {
    return 0L;
  }
}
