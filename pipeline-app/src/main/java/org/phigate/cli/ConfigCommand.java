package org.phigate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigKey;
import org.phigate.config.Settings;
import org.phigate.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate config --describe`: every setting with its default, environment variable and description. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Describe every configuration key, or show the effective values of a config file.")
public final class ConfigCommand implements Callable<Integer> {
  @Option(names = "--describe", description = "List every key: default, environment variable, description.")
  boolean describe;

  @Option(names = "--config", paramLabel = "FILE", description = "Show effective values (secrets masked) and "
      + "where each comes from.")
  Path config;

  @Override
  public Integer call() {
    Settings settings = Settings.load(config, Map.of());
    CommonConfig common = new CommonConfig(settings);
    section("common (every role)", CommonConfig.KEYS, settings);
    for (Role role : Role.values()) {
      section("role " + role.id() + ": " + role.description(), role.config(common).keys(), settings);
    }
    return 0;
  }

  private void section(String title, List<ConfigKey<?>> keys, Settings settings) {
    System.out.println("# " + title);
    for (ConfigKey<?> key : keys) {
      if (describe || config == null) {
        System.out.printf("%s  (%s, default: %s, env: %s)%n    %s%n", key.name(), key.type(),
            key.defaultValue().isEmpty() ? "none" : key.defaultValue(), key.envVar(), key.description());
      } else {
        String value = key.secret() ? (settings.raw(key).isEmpty() ? "<unset>" : "<set>") : settings.raw(key);
        System.out.printf("%s = %s   [%s]%n", key.name(), value, settings.origin(key));
      }
    }
    System.out.println();
  }
}
