package org.phigate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.catalog.Topic;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.TopicProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `phigate topics list|create`: the topic catalog, and creating it on a cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "List the topic catalog or create it.")
public final class TopicsCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "list", description = "list | create")
  String action;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file (create; list: its "
      + "topics.max.message.bytes).")
  Path config;

  @Override
  public Integer call() {
    if (action.equals("create")) {
      List<String> created = TopicProvisioner.ensureTopics(CommonConfig.load(config));
      System.out.println(created.isEmpty() ? "all catalog topics exist" : "created " + created);
      return 0;
    }
    if (!action.equals("list")) {
      System.err.println("phigate topics: unknown action '" + action + "'; use list or create");
      return 2;
    }
    int messageBytes = config == null ? CommonConfig.defaultMaxMessageBytes()
        : CommonConfig.load(config).maxMessageBytes();
    System.out.printf("%-28s %-18s %-10s %-10s %-12s %-11s %s%n", "topic", "value", "phi", "zone", "retention",
        "max.bytes", "description");
    for (Topic<?, ?> t : Topics.ALL) {
      System.out.printf("%-28s %-18s %-10s %-10s %-12s %-11d %s%n", t.name(), t.valueType().getSimpleName(),
          t.phi(), t.zone(), t.compacted() ? "compacted" : t.retention().map(d -> d.toDays() + " d")
              .orElse("infinite"), t.maxMessageBytes(messageBytes), t.description());
    }
    return 0;
  }

}
