package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.embedded.ModelText;

/** The embedded model's own batch rate: MiniLM embeddings per second and per CPU-second, no pipeline around it. */
record ModelBatchRate(double perSecond, double perCpuSecond, double loadAverage) {

  /**
   * Embeds 512 texts in batches of 32 from the notes the mix's ORU and portal messages carry, each text made unique
   * so the embedder's cache is never hit.
   */
  static ModelBatchRate measure(List<String> notes) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; texts.size() < 512; i++) {
      texts.add(ModelText.forEmbedding(notes.get(i % notes.size()) + " #" + i));
    }
    MiniLmEmbedder embedder = MiniLmEmbedder.shared();
    embedder.warmUp();
    embedder.clearCache();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < texts.size(); i += 32) {
      embedder.embed(texts.subList(i, Math.min(texts.size(), i + 32)));
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - c0) / 1e9;
    embedder.clearCache();
    return new ModelBatchRate(texts.size() / wall, texts.size() / Math.max(cpuSeconds, 1e-9),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
