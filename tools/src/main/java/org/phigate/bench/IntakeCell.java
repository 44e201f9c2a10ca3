package org.phigate.bench;

/**
 * One row of `bench intake`: msgs/s over the cell, latency percentiles, the edge's group commits during it (edges
 * only), and CPU milliseconds per message of the whole JVM and of the edges' own threads (NaN for the Kafka rows),
 * the latter also per group of threads and, as "GROUP kernel", the kernel's part of each, and the whole JVM's CPU
 * per message by edges, senders, broker and native threads (both empty for the Kafka rows).
 */
record IntakeCell(double rate, Latencies latency, long groups, long records, double cpuMsPerMessage,
                  double edgeCpuMsPerMessage, java.util.Map<String, Double> edgeCpuSplit,
                  java.util.Map<String, Double> processCpuSplit) {}
